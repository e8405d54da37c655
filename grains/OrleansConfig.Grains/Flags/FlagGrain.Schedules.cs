using Microsoft.Extensions.Logging;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;

namespace OrleansConfig.Flags;

public sealed partial class FlagGrain
{
    /// <summary>How far ahead a change can be scheduled.</summary>
    private static readonly TimeSpan MaxLead = TimeSpan.FromDays(5 * 366);

    /// <summary>How long a scheduled change that could not be applied for a passing reason waits to retry.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    public async Task<FlagScheduleResult> Schedule(FlagScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var now = Time.GetUtcNow();
        var problem = CheckSchedule(request, now);
        if (problem is not null)
        {
            return problem;
        }

        int? existing = request.Id is null ? null : State.Schedules.FindIndex(s => s.Id == request.Id);
        if (existing is -1)
        {
            return ScheduleFailure(ConfigStatus.NotFound, $"The flag has no scheduled change '{request.Id}'.");
        }

        if (existing is int index && State.Schedules[index].Status != FlagScheduleStatus.Pending)
        {
            return ScheduleFailure(ConfigStatus.Conflict,
                $"The scheduled change '{request.Id}' is {Describe(State.Schedules[index].Status)}; only a pending "
                + "change can be rescheduled. Schedule a new one instead.");
        }

        if (await EnvironmentGrain.AdmitWrite() is { } refusal)
        {
            return ScheduleFailure(ConfigStatus.AuditUnavailable, refusal);
        }

        var id = request.Id ?? $"s{State.NextSchedule}";
        var schedule = new FlagSchedule(id, request.At.ToUniversalTime(), request.Action, request.Variant,
            request.Weights, request.Author, request.Comment, now, FlagScheduleStatus.Pending, null, null, null);
        var previous = State.Schedules.ToList();
        var previousNext = State.NextSchedule;
        if (existing is int replaced)
        {
            State.Schedules[replaced] = schedule with { CreatedAt = State.Schedules[replaced].CreatedAt };
        }
        else
        {
            State.Schedules.Add(schedule);
            State.NextSchedule++;
        }

        var verb = existing is null ? "schedule.create" : "schedule.update";
        await SaveScheduleChange(schedule, verb, request.Author, () =>
        {
            State.Schedules = previous;
            State.NextSchedule = previousNext;
        });

        return new FlagScheduleResult(existing is null ? ConfigStatus.Created : ConfigStatus.Updated,
            State.Schedules.Single(s => s.Id == id), null);
    }

    public async Task<FlagScheduleResult> CancelSchedule(string id, string author)
    {
        var index = State.Schedules.FindIndex(s => s.Id == id);
        if (index < 0)
        {
            return ScheduleFailure(ConfigStatus.NotFound, $"The flag has no scheduled change '{id}'.");
        }

        var schedule = State.Schedules[index];
        if (schedule.Status != FlagScheduleStatus.Pending)
        {
            return ScheduleFailure(ConfigStatus.Conflict,
                $"The scheduled change '{id}' is {Describe(schedule.Status)}; only a pending change can be cancelled.");
        }

        if (await EnvironmentGrain.AdmitWrite() is { } refusal)
        {
            return ScheduleFailure(ConfigStatus.AuditUnavailable, refusal);
        }

        var cancelled = schedule with
        {
            Status = FlagScheduleStatus.Cancelled,
            CompletedAt = Time.GetUtcNow(),
            Failure = $"Cancelled by {author}.",
        };
        State.Schedules[index] = cancelled;
        await SaveScheduleChange(cancelled, "schedule.cancel", author, () => State.Schedules[index] = schedule);

        return new FlagScheduleResult(ConfigStatus.Updated, cancelled, null);
    }

    public Task<IReadOnlyList<FlagSchedule>> GetSchedules() => Task.FromResult<IReadOnlyList<FlagSchedule>>(
        State.Schedules.AsEnumerable().Reverse().ToArray());

    /// <summary>
    /// Applies every pending change that is due, oldest first, then sets the reminder for the next one.
    /// A change the flag no longer allows is marked failed and changes nothing. A change that fails for a
    /// passing reason (storage, audit) stays pending and is tried again a minute later.
    /// </summary>
    private async Task ApplyDueSchedules()
    {
        var now = Time.GetUtcNow();
        var retry = false;
        foreach (var schedule in State.Schedules.Where(s => s.Status == FlagScheduleStatus.Pending && s.At <= now)
                     .OrderBy(s => s.At).ToList())
        {
            ConfigResult result;
            try
            {
                result = await Commit(WriteConditions.None, () => DecideScheduled(schedule));
            }
            catch (Exception exception)
            {
                LogScheduleRetry(this.GetPrimaryKeyString(), schedule.Id, exception);
                retry = true;
                continue;
            }

            if (result.Status == ConfigStatus.AuditUnavailable)
            {
                retry = true;
                continue;
            }

            var index = State.Schedules.FindIndex(s => s.Id == schedule.Id);
            var completed = result.IsSuccess
                ? schedule with
                {
                    Status = FlagScheduleStatus.Applied,
                    CompletedAt = Time.GetUtcNow(),
                    AppliedVersion = result.Current?.Version,
                }
                : schedule with
                {
                    Status = FlagScheduleStatus.Failed,
                    CompletedAt = Time.GetUtcNow(),
                    Failure = result.Detail,
                };
            State.Schedules[index] = completed;
            await WriteState(() => State.Schedules[index] = schedule);
            LogScheduleCompleted(this.GetPrimaryKeyString(), schedule.Id, completed.Status, result.Detail);
        }

        await UpdateReminder(retry);
    }

    private Decision DecideScheduled(FlagSchedule schedule)
    {
        var document = CurrentDocument();
        if (document is null)
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.NotFound,
                "The flag no longer exists, so the scheduled change had nothing to change.", State.Key, LatestVersion));
        }

        if (document.IsArchived)
        {
            return Decision.Return(ArchivedRefusal("schedule changes to it"));
        }

        var changed = Edit(document, schedule.Action, schedule.Variant, schedule.Weights, out var problem);
        if (changed is null)
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.InvalidValue, problem!, State.Key, LatestVersion));
        }

        var value = changed.Write();
        if (Current!.Value == value)
        {
            return Decision.Return(Unchanged(Current));
        }

        var comment = schedule.Comment ?? $"Scheduled change {schedule.Id}: {Describe(schedule)}";

        return Decision.Store(State.Key!, NewVersion(value, schedule.Author, comment, action: "schedule.apply"));
    }

    private static FlagDocument? Edit(FlagDocument document, FlagScheduledAction action, string? variant,
        IReadOnlyDictionary<string, int>? weights, out string? problem)
    {
        problem = null;

        return action switch
        {
            FlagScheduledAction.Enable => document.WithState(FlagState.Enabled),
            FlagScheduledAction.Disable => document.WithState(FlagState.Disabled),
            FlagScheduledAction.SetDefaultVariant => document.WithDefaultVariant(variant!, out problem),
            _ => document.WithRolloutWeights(weights!, out problem),
        };
    }

    /// <summary>Checks a schedule request against the flag as it is now; null when it can be stored.</summary>
    private FlagScheduleResult? CheckSchedule(FlagScheduleRequest request, DateTimeOffset now)
    {
        if (request.At <= now)
        {
            return ScheduleFailure(ConfigStatus.InvalidValue,
                $"The time {request.At.UtcDateTime:O} is not in the future (now is {now.UtcDateTime:O}); schedule a "
                + "later time, or make the change now.");
        }

        if (request.At - now > MaxLead)
        {
            return ScheduleFailure(ConfigStatus.InvalidValue,
                $"The time {request.At.UtcDateTime:O} is more than five years ahead; schedule an earlier time.");
        }

        var shapeProblem = request.Action switch
        {
            FlagScheduledAction.SetDefaultVariant when string.IsNullOrEmpty(request.Variant) =>
                "Setting the default variant needs 'variant'.",
            FlagScheduledAction.SetRolloutWeights when request.Weights is not { Count: > 0 } =>
                "Setting rollout weights needs 'weights', an object of whole numbers by variant.",
            FlagScheduledAction.Enable or FlagScheduledAction.Disable when request.Variant is not null
                || request.Weights is not null => "Enabling or disabling takes neither 'variant' nor 'weights'.",
            _ => null,
        };
        if (shapeProblem is not null)
        {
            return ScheduleFailure(ConfigStatus.InvalidValue, shapeProblem);
        }

        var document = CurrentDocument();
        if (document is null)
        {
            return ScheduleFailure(ConfigStatus.NotFound,
                Current is null ? "The flag does not exist." : "The flag was deleted; create it again first.");
        }

        if (document.IsArchived)
        {
            return ScheduleFailure(ConfigStatus.Conflict, ArchivedRefusal("schedule changes to it").Detail!);
        }

        // The change must make sense against the flag as it is now; it is checked again when it fires.
        return Edit(document, request.Action, request.Variant, request.Weights, out var problem) is null
            ? ScheduleFailure(ConfigStatus.InvalidValue, problem!)
            : null;
    }

    private async Task SaveScheduleChange(FlagSchedule schedule, string verb, string author, Action undo)
    {
        var record = AuditOutbox.Record(Time.GetUtcNow(), author, AuditActions.Change(Kind, verb), Namespace,
            Environment, "flag", State.Key ?? NormalizedKey,
            AuditSummaries.Of(("schedule", schedule.Id), ("at", schedule.At.UtcDateTime.ToString("O")),
                ("change", Describe(schedule)), ("comment", schedule.Comment)));
        State.PendingAudit.Add(record);
        await WriteState(() =>
        {
            undo();
            State.PendingAudit.Remove(record);
        });
        await UpdateReminder(retry: false);
        await FlushAudit();
    }

    /// <summary>Ends every pending change with <paramref name="status"/>, as when the flag is deleted.</summary>
    private async Task EndPendingSchedules(FlagScheduleStatus status, string reason)
    {
        var previous = State.Schedules.ToList();
        var now = Time.GetUtcNow();
        State.Schedules = State.Schedules
            .Select(s => s.Status == FlagScheduleStatus.Pending
                ? s with { Status = status, CompletedAt = now, Failure = reason }
                : s)
            .ToList();
        if (!previous.Exists(s => s.Status == FlagScheduleStatus.Pending))
        {
            return;
        }

        await WriteState(() => State.Schedules = previous);
        await UpdateReminder(retry: false);
    }

    /// <summary>
    /// Sets the reminder to the earliest pending change, or removes it when none is left. The reminder's
    /// period is only a fallback: each firing sets the next due time again.
    /// </summary>
    private async Task UpdateReminder(bool retry)
    {
        var next = State.Schedules.Where(s => s.Status == FlagScheduleStatus.Pending)
            .Select(s => (DateTimeOffset?)s.At).Min();
        if (next is null)
        {
            var existing = await this.GetReminder(ScheduleReminder);
            if (existing is not null)
            {
                await this.UnregisterReminder(existing);
            }

            return;
        }

        var due = next.Value - Time.GetUtcNow();
        if (retry && due < RetryDelay)
        {
            due = RetryDelay;
        }

        await this.RegisterOrUpdateReminder(ScheduleReminder, due < TimeSpan.Zero ? TimeSpan.Zero : due, RetryDelay);
    }

    private static FlagScheduleResult ScheduleFailure(ConfigStatus status, string detail) => new(status, null, detail);

    private static string Describe(FlagScheduleStatus status) => status switch
    {
        FlagScheduleStatus.Applied => "already applied",
        FlagScheduleStatus.Cancelled => "cancelled",
        FlagScheduleStatus.Failed => "failed",
        _ => "pending",
    };

    private static string Describe(FlagSchedule schedule) => schedule.Action switch
    {
        FlagScheduledAction.Enable => "enable",
        FlagScheduledAction.Disable => "disable",
        FlagScheduledAction.SetDefaultVariant => $"default variant {schedule.Variant}",
        _ => "rollout weights " + string.Join(", ", (schedule.Weights ?? new Dictionary<string, int>())
            .Select(pair => $"{pair.Key}={pair.Value}")),
    };

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Flag {GrainKey} could not apply scheduled change {Schedule} now; it is tried again")]
    private partial void LogScheduleRetry(string grainKey, string schedule, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Flag {GrainKey} scheduled change {Schedule}: {Status} {Detail}")]
    private partial void LogScheduleCompleted(string grainKey, string schedule, FlagScheduleStatus status,
        string? detail);
}
