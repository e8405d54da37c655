using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    private const string RotationReminder = "secret-rotation";
    private const string ScheduleTrigger = "schedule";
    private const string ManualTrigger = "manual";
    private const string PolicyActor = "rotation policy";

    private IGrainReminder? _reminder;
    private bool _reminderKnown;

    public async Task<SecretResult> SetRotationPolicy(SecretRotationPolicyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        if (SecretRotationRules.Validate(change.Policy) is { } problem)
        {
            return SecretResult.Failure(SecretStatus.InvalidPolicy, problem, LatestVersion);
        }

        if (Current is null or { IsDeleted: true })
        {
            return SecretResult.Failure(SecretStatus.NotFound, Current is null
                ? "The secret does not exist; write a value before setting its rotation policy."
                : $"The secret was deleted at version {LatestVersion}; write a value before setting its rotation "
                    + "policy.",
                LatestVersion);
        }

        var record = SecretRecord(AuditActions.Change(ChangeKind.Secret, "rotation-policy"), change.Author, null,
            PolicySummary(change.Policy));

        return await ChangePolicy(record, secret =>
        {
            secret.Policy = change.Policy;
            secret.PolicySetAt = Time.GetUtcNow();
            secret.PolicySetBy = change.Author;
            secret.ConsecutiveFailures = 0;
            secret.NextAttemptAt = null;
            secret.LastRotationError = null;
        }, hasPolicy: true);
    }

    public async Task<SecretResult> RemoveRotationPolicy(string author)
    {
        ArgumentException.ThrowIfNullOrEmpty(author);

        if (State.Policy is null)
        {
            return SecretResult.Failure(SecretStatus.NoPolicy, "The secret has no rotation policy.", LatestVersion);
        }

        var record = SecretRecord(AuditActions.Change(ChangeKind.Secret, "rotation-policy-removed"), author, null,
            AuditSummaries.Of());

        return await ChangePolicy(record, secret =>
        {
            secret.Policy = null;
            secret.PolicySetAt = null;
            secret.PolicySetBy = null;
            secret.ConsecutiveFailures = 0;
            secret.NextAttemptAt = null;
            secret.LastRotationError = null;
        }, hasPolicy: false);
    }

    public async Task<SecretResult> RotateNow(string author)
    {
        ArgumentException.ThrowIfNullOrEmpty(author);

        if (RotationBlocker() is { } blocked)
        {
            return blocked;
        }

        return await Rotate(ManualTrigger, author);
    }

    public async Task<SecretStatus> RotateIfDue()
    {
        if (RotationBlocker() is { } blocked)
        {
            return blocked.Status == SecretStatus.NoPolicy ? SecretStatus.NoPolicy : SecretStatus.NotDue;
        }

        var now = Time.GetUtcNow();
        if (now < Current!.UpdatedAt + State.Policy!.Interval
            || (State.NextAttemptAt is { } retryAt && now < retryAt))
        {
            return SecretStatus.NotDue;
        }

        var result = await Rotate(ScheduleTrigger, PolicyActor);

        return result.IsSuccess ? SecretStatus.Rotated : SecretStatus.RotationFailed;
    }

    public Task<IReadOnlyList<SecretRotationAttempt>> GetRotationHistory(int limit)
    {
        var history = State.RotationHistory;
        IReadOnlyList<SecretRotationAttempt> newest = history.AsEnumerable().Reverse()
            .Take(Math.Clamp(limit, 1, 1000)).ToArray();

        return Task.FromResult(newest);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RotationReminder)
        {
            return;
        }

        try
        {
            await RotateIfDue();
        }
        finally
        {
            await UpdateReminder();
        }
    }

    /// <summary>Returns why the secret cannot rotate now, or null when it can.</summary>
    private SecretResult? RotationBlocker()
    {
        if (State.Policy is null)
        {
            return SecretResult.Failure(SecretStatus.NoPolicy,
                "The secret has no rotation policy; set one with PUT …/rotation first.", LatestVersion);
        }

        return Current is null or { IsDeleted: true }
            ? SecretResult.Failure(SecretStatus.NotFound, "The secret is deleted, so it does not rotate.",
                LatestVersion)
            : null;
    }

    /// <summary>
    /// Writes a generated value as a new version whose action is <c>rotate</c>, with its history entry, in one
    /// write. A failure anywhere before that write leaves the current version as it was and schedules a retry.
    /// </summary>
    private async Task<SecretResult> Rotate(string trigger, string actor)
    {
        var policy = State.Policy!;
        var attempt = State.ConsecutiveFailures + 1;
        var result = await CommitSecret(WriteConditions.None, async () =>
        {
            var number = LatestVersion + 1;
            Envelope.SecretPlaintext value;
            try
            {
                value = await generators.GenerateAsync(policy.Generator, Coordinates(number), CancellationToken.None);
            }
            catch (SecretGeneratorException exception)
            {
                return SecretDecision.Return(SecretResult.Failure(SecretStatus.RotationFailed, exception.Message,
                    LatestVersion));
            }

            using (value)
            {
                var buffer = GC.AllocateArray<byte>(value.Length, pinned: true);
                try
                {
                    value.Span.CopyTo(buffer);
                    var comment = $"Rotated ({trigger}, {GeneratorName(policy.Generator.Kind)} generator)";
                    var success = new SecretRotationAttempt(Time.GetUtcNow(), trigger, true, number, attempt, null,
                        actor);

                    return await StoreValue(Name, buffer, actor, comment, null, "rotate", secret =>
                    {
                        secret.ConsecutiveFailures = 0;
                        secret.NextAttemptAt = null;
                        secret.LastRotationError = null;
                        AddAttempt(secret, success);
                    });
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
                }
            }
        }, _ => SecretStatus.Rotated);

        if (result.IsSuccess)
        {
            LogRotated(this.GetPrimaryKeyString(), LatestVersion, trigger);

            return result;
        }

        return await RecordFailedRotation(trigger, actor, attempt, result);
    }

    /// <summary>Stores a failed attempt with its retry time and audit record; the secret's versions stay.</summary>
    private async Task<SecretResult> RecordFailedRotation(string trigger, string actor, int attempt,
        SecretResult failure)
    {
        var settings = options.Value;
        var delay = TimeSpan.FromTicks(Math.Min(settings.RotationMaxRetryDelay.Ticks,
            settings.RotationRetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));
        var now = Time.GetUtcNow();
        var detail = failure.Detail ?? failure.Status.ToString();
        var record = SecretRecord(AuditActions.Change(ChangeKind.Secret, "rotation-failed"), actor, null,
            AuditSummaries.Of(("trigger", trigger), ("attempt", attempt.ToString(System.Globalization.CultureInfo
                .InvariantCulture)), ("error", detail), ("nextAttemptAt", (now + delay).ToString("O"))));
        LogRotationFailed(this.GetPrimaryKeyString(), trigger, attempt, detail, now + delay);
        try
        {
            await WriteOrRestore(secret =>
            {
                secret.ConsecutiveFailures = attempt;
                secret.NextAttemptAt = now + delay;
                secret.LastRotationError = detail;
                AddAttempt(secret, new SecretRotationAttempt(now, trigger, false, null, attempt, detail, actor));
                secret.PendingAudit.Add(record);
            });
            await TryFlushAudit();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRotationStateNotStored(this.GetPrimaryKeyString(), exception);
        }

        // A generator failure is the rotation's own; an unusable key or audit log keeps its status (503).
        var status = failure.Status is SecretStatus.KeyUnavailable or SecretStatus.AuditUnavailable
            ? failure.Status
            : SecretStatus.RotationFailed;

        return SecretResult.Failure(status,
            $"The rotation failed and the secret stays at version {LatestVersion}: {detail} It is retried after "
            + $"{now + delay:O}.", LatestVersion);
    }

    /// <summary>Stores a policy change with its audit record, after older records reached their chain.</summary>
    private async Task<SecretResult> ChangePolicy(AuditRecord record, Action<SecretState> change, bool hasPolicy)
    {
        await TryFlushAudit();
        if (State.PendingAudit.Count > 0)
        {
            return SecretResult.Failure(SecretStatus.AuditUnavailable,
                $"The audit log of namespace '{Namespace}' cannot be written, so the rotation policy was not "
                + "changed; retry later.", LatestVersion);
        }

        if (hasPolicy)
        {
            await Register(true);
        }

        await WriteOrRestore(secret =>
        {
            change(secret);
            secret.PendingAudit.Add(record);
        });
        await TryFlushAudit();
        if (!hasPolicy)
        {
            await Register(false);
        }

        await UpdateReminder();

        return new SecretResult(SecretStatus.Found, Describe(), null, LatestVersion);
    }

    /// <summary>Keeps a reminder while the secret is live and has a policy, and none otherwise.</summary>
    private async Task UpdateReminder()
    {
        if (!_reminderKnown)
        {
            _reminder = await this.GetReminder(RotationReminder);
            _reminderKnown = true;
        }

        var wanted = State.Policy is not null && Current is { IsDeleted: false };
        if (wanted && _reminder is null)
        {
            // The first tick comes when the rotation is due, or within a period; later ticks every period.
            var period = options.Value.RotationCheckPeriod;
            var untilDue = Current!.UpdatedAt + State.Policy!.Interval - Time.GetUtcNow();
            var first = untilDue < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
                : untilDue > period ? period
                : untilDue;
            _reminder = await this.RegisterOrUpdateReminder(RotationReminder, first, period);
        }
        else if (!wanted && _reminder is not null)
        {
            await this.UnregisterReminder(_reminder);
            _reminder = null;
        }
    }

    private SecretRotationStatus? RotationStatus()
    {
        var secret = State;
        if (secret.Policy is not { } policy)
        {
            return null;
        }

        var current = Current;
        var live = current is { IsDeleted: false };
        DateTimeOffset? due = live ? current!.UpdatedAt + policy.Interval : null;
        var lastRotated = secret.Versions.LastOrDefault(v => v.Action == "rotate")?.UpdatedAt;

        return new SecretRotationStatus(policy, lastRotated, due, due <= Time.GetUtcNow(),
            secret.ConsecutiveFailures, secret.NextAttemptAt, secret.LastRotationError,
            secret.PolicySetAt ?? default, secret.PolicySetBy ?? "");
    }

    private void AddAttempt(SecretState secret, SecretRotationAttempt attempt)
    {
        secret.RotationHistory.Add(attempt);
        var excess = secret.RotationHistory.Count - options.Value.RotationHistoryLimit;
        if (excess > 0)
        {
            secret.RotationHistory.RemoveRange(0, excess);
        }
    }

    private static string PolicySummary(SecretRotationPolicy policy) => AuditSummaries.Of(
        ("interval", System.Xml.XmlConvert.ToString(policy.Interval)),
        ("overlap", System.Xml.XmlConvert.ToString(policy.Overlap)),
        ("generator", GeneratorName(policy.Generator.Kind)),
        ("webhook", policy.Generator.WebhookUrl is { } url ? new Uri(url).GetLeftPart(UriPartial.Path) : null));

    /// <summary>The lowercase name of a generator kind, as HTTP and audit records show it.</summary>
    public static string GeneratorName(SecretGeneratorKind kind) => kind switch
    {
        SecretGeneratorKind.Password => "password",
        SecretGeneratorKind.Bytes => "bytes",
        SecretGeneratorKind.Webhook => "webhook",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
