using OrleansConfig.Configuration;

namespace OrleansConfig.Flags;

/// <summary>
/// One feature flag of one environment, keyed by <see cref="GrainKeys.Flag"/>. Holds the flag's whole
/// version history and its scheduled changes. A version's value is the flag document: one flag in the
/// flagd flag-definition format (<c>state</c>, <c>variants</c>, <c>defaultVariant</c>, <c>targeting</c>,
/// <c>metadata</c>, with every <c>$ref</c> resolved) plus the properties flagd lacks (description, owner,
/// tags, type, expected lifetime, lifecycle). Writes use the same request and result types as configuration keys.
/// </summary>
[Alias("oc.flag")]
public interface IFlagGrain : IGrainWithStringKey
{
    /// <summary>
    /// Writes a new version from a flag document. The lifecycle in the document is ignored: an archived
    /// flag must be restored before it changes, and other flags keep their lifecycle.
    /// </summary>
    [Alias("put")]
    Task<ConfigResult> Put(ConfigPut request);

    /// <summary>Writes a tombstone version and cancels pending scheduled changes.</summary>
    [Alias("delete")]
    Task<ConfigResult> Delete(ConfigDelete request);

    [Alias("rollback")]
    Task<ConfigResult> Rollback(ConfigRollback request);

    /// <summary>
    /// Moves the flag to <see cref="FlagLifecycleChange.Lifecycle"/> (active, stale or archived) as a new
    /// version whose change action is <c>archive</c>, <c>restore</c> or <c>lifecycle</c>.
    /// </summary>
    [Alias("lifecycle")]
    Task<ConfigResult> SetLifecycle(FlagLifecycleChange request);

    [Alias("get"), ReadOnly]
    Task<ConfigResult> Get(int? version);

    [Alias("versions"), ReadOnly]
    Task<ConfigHistoryPage> GetVersions(int? before, int limit);

    /// <summary>
    /// Adds a scheduled change, or replaces the pending one with the same id (rescheduling). A replaced
    /// or cancelled schedule never fires: the trigger applies only what is pending when it runs.
    /// </summary>
    [Alias("schedule")]
    Task<FlagScheduleResult> Schedule(FlagScheduleRequest request);

    [Alias("cancel-schedule")]
    Task<FlagScheduleResult> CancelSchedule(string id, string author);

    /// <summary>Every scheduled change, pending and past, newest first.</summary>
    [Alias("schedules"), ReadOnly]
    Task<IReadOnlyList<FlagSchedule>> GetSchedules();
}

/// <summary>A lifecycle change; <see cref="Lifecycle"/> is one of <see cref="FlagLifecycles"/>.</summary>
[GenerateSerializer, Immutable, Alias("oc.flag-lifecycle-change")]
public sealed record FlagLifecycleChange(
    [property: Id(0)] string Lifecycle,
    [property: Id(1)] string Author,
    [property: Id(2)] string? Comment,
    [property: Id(3)] WriteConditions Conditions);

/// <summary>The lifecycle states a flag is set to. "Potentially stale" is computed, never set.</summary>
public static class FlagLifecycles
{
    public const string Active = "active";
    public const string Stale = "stale";
    public const string Archived = "archived";

    /// <summary>Computed: an active flag older than its type's expected lifetime.</summary>
    public const string PotentiallyStale = "potentially-stale";

    public static bool IsSettable(string? value) => value is Active or Stale or Archived;
}

/// <summary>What a scheduled change does when it fires.</summary>
[GenerateSerializer, Alias("oc.flag-scheduled-action")]
public enum FlagScheduledAction
{
    /// <summary>Sets <c>state</c> to ENABLED.</summary>
    Enable = 0,

    /// <summary>Sets <c>state</c> to DISABLED.</summary>
    Disable = 1,

    /// <summary>Sets <c>defaultVariant</c> to <see cref="FlagScheduleRequest.Variant"/>.</summary>
    SetDefaultVariant = 2,

    /// <summary>
    /// Sets the weights of the flag's one <c>fractional</c> rule to <see cref="FlagScheduleRequest.Weights"/>.
    /// </summary>
    SetRolloutWeights = 3,
}

/// <summary>Where a scheduled change stands.</summary>
[GenerateSerializer, Alias("oc.flag-schedule-status")]
public enum FlagScheduleStatus
{
    Pending = 0,
    Applied = 1,
    Cancelled = 2,

    /// <summary>It fired but could not apply (for example the variant no longer exists); nothing changed.</summary>
    Failed = 3,
}

/// <summary>
/// Adds or replaces a scheduled change. <see cref="Id"/> is null to add one (the grain assigns an id)
/// or names a pending schedule to replace. <see cref="At"/> is a UTC instant.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.flag-schedule-request")]
public sealed record FlagScheduleRequest(
    [property: Id(0)] string? Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] FlagScheduledAction Action,
    [property: Id(3)] string? Variant,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Weights,
    [property: Id(5)] string Author,
    [property: Id(6)] string? Comment);

/// <summary>One scheduled change and its outcome.</summary>
[GenerateSerializer, Immutable, Alias("oc.flag-schedule")]
public sealed record FlagSchedule(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] FlagScheduledAction Action,
    [property: Id(3)] string? Variant,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Weights,
    [property: Id(5)] string Author,
    [property: Id(6)] string? Comment,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] FlagScheduleStatus Status,
    [property: Id(9)] DateTimeOffset? CompletedAt,
    [property: Id(10)] int? AppliedVersion,
    [property: Id(11)] string? Failure);

/// <summary>Outcome of a schedule call; <see cref="Detail"/> explains a failure.</summary>
[GenerateSerializer, Immutable, Alias("oc.flag-schedule-result")]
public sealed record FlagScheduleResult(
    [property: Id(0)] ConfigStatus Status,
    [property: Id(1)] FlagSchedule? Schedule,
    [property: Id(2)] string? Detail);
