using Orleans.Storage;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    /// <summary>
    /// What a write decided: a change to store (a new version, and anything else that changes with it in
    /// the same row), or a result to return as it is.
    /// </summary>
    private readonly record struct Decision(Action<SecretState>? Change, SecretResult? Result)
    {
        public static Decision Return(SecretResult result) => new(null, result);

        public static Decision Store(Action<SecretState> change) => new(change, null);
    }

    /// <summary>
    /// Decides a write against the current state, persists it and reports the new version to the
    /// environment. A write that loses an optimistic-concurrency race re-reads the row and decides again
    /// once, because the other writer may have changed what the request should do.
    /// </summary>
    private async Task<SecretResult> Commit(WriteConditions conditions, Func<Task<Decision>> decide,
        Func<ConfigVersion?, SecretStatus> statusOf)
    {
        if (!await EnsureEnvironmentExists())
        {
            return SecretResult.Failure(SecretStatus.EnvironmentNotFound,
                $"The environment '{_environment}' of namespace '{_namespace}' does not exist; create it with "
                + $"PUT /v1/namespaces/{_namespace}/environments/{_environment}.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var failed = CheckConditions(conditions);
            var decision = failed is null ? await decide() : Decision.Return(failed);
            if (decision.Result is { } result)
            {
                if (result.IsSuccess)
                {
                    await ReportToEnvironment();
                }

                return result;
            }

            if (await Environment().AdmitWrite() is { } refusal)
            {
                return SecretResult.Failure(SecretStatus.AuditUnavailable, refusal, LatestVersion);
            }

            await Register(null);
            var previous = Current;
            try
            {
                await WriteOrRestore(decision.Change!);
            }
            catch (InconsistentStateException exception) when (attempt == 1)
            {
                LogWriteConflict(this.GetPrimaryKeyString(), exception);
                await state.ReadStateAsync();
                continue;
            }

            LogVersionWritten(this.GetPrimaryKeyString(), LatestVersion, Current!.IsDeleted, Current.Action ?? "");
            await ReportToEnvironment();
            await UpdateReminder();

            return new SecretResult(statusOf(previous), Describe(), null, LatestVersion);
        }
    }

    /// <summary>Applies <paramref name="change"/> and writes the row; on failure memory is restored to match storage.</summary>
    private async Task WriteOrRestore(Action<SecretState> change)
    {
        var saved = Copy(state.State);
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = saved;
            throw;
        }
    }

    /// <summary>Appends a version with its details; used inside a change passed to <see cref="WriteOrRestore"/>.</summary>
    private static void Append(SecretState secret, string name, ConfigVersion version, SecretVersionDetails details)
    {
        secret.Key = name;
        secret.Versions.Add(version);
        secret.Details.Add(details);
    }

    private static SecretState Copy(SecretState source) => new()
    {
        Key = source.Key,
        Versions = [.. source.Versions],
        Details = [.. source.Details],
        Policy = source.Policy,
        PolicySetAt = source.PolicySetAt,
        PolicySetBy = source.PolicySetBy,
        ConsecutiveFailures = source.ConsecutiveFailures,
        NextAttemptAt = source.NextAttemptAt,
        LastRotationError = source.LastRotationError,
        RotationHistory = [.. source.RotationHistory],
        PendingAudit = [.. source.PendingAudit],
    };

    /// <summary>
    /// Reports the versions the environment grain has not confirmed, which sequences, audits and publishes
    /// them. Every successful write ends here, so a retried request repairs a report lost to a failure.
    /// </summary>
    private async Task ReportToEnvironment()
    {
        var current = Current;
        if (current is null || current.Version <= _reportedVersion)
        {
            return;
        }

        var environment = Environment();
        var after = _reportedVersion > 0 ? _reportedVersion : current.Version - 1;
        var result = await environment.Report(ReportAfter(after));
        if (!result.Accepted)
        {
            result = await environment.Report(ReportAfter(result.KnownVersion));
        }

        if (!result.Accepted)
        {
            throw new InvalidOperationException(
                $"The environment refused the versions of '{this.GetPrimaryKeyString()}' after {result.KnownVersion}.");
        }

        _reportedVersion = current.Version;
    }

    private ChangeReport ReportAfter(int version) => new(ChangeKind.Secret, Name,
        state.State.Versions.Where(v => v.Version > version)
            .Select(v => ConfigEvents.From(ChangeKind.Secret, Name, v)).ToArray());

    /// <summary>Lists the secret in its environment's index; <paramref name="hasPolicy"/> updates its policy mark.</summary>
    private async Task Register(bool? hasPolicy)
    {
        if (_registered && hasPolicy is null)
        {
            return;
        }

        var index = GrainFactory.GetGrain<ISecretIndexGrain>(GrainKeys.Environment(_namespace, _environment));
        await index.Register(Name, hasPolicy);
        _registered = true;
    }

    private IEnvironmentGrain Environment() =>
        GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_namespace, _environment));

    private async Task<bool> EnsureEnvironmentExists()
    {
        if (!_environmentExists)
        {
            _environmentExists = await Environment().GetInfo() is not null;
        }

        return _environmentExists;
    }

    private SecretResult? CheckConditions(WriteConditions conditions)
    {
        var current = Current;
        var exists = current is { IsDeleted: false };
        if (conditions.IfNoneMatchAny && exists)
        {
            return Precondition($"If-None-Match: * failed: the secret exists at version {current!.Version}.");
        }

        if (conditions.IfMatchAny && !exists)
        {
            return Precondition("If-Match: * failed: the secret does not exist.");
        }

        if (conditions.IfMatchVersion is int expected && expected != LatestVersion)
        {
            return Precondition($"If-Match named version {expected}, but the secret is at version {LatestVersion}; "
                + "read it again and retry with the current ETag.");
        }

        return null;
    }

    private SecretResult Precondition(string detail) =>
        SecretResult.Failure(SecretStatus.PreconditionFailed, detail, LatestVersion);

    /// <summary>The status of a write that stored a value version after <paramref name="previous"/>.</summary>
    private static SecretStatus ValueStatus(ConfigVersion? previous) =>
        previous is null or { IsDeleted: true } ? SecretStatus.Created : SecretStatus.Updated;
}
