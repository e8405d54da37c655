using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// A scheduled change as the api returns it. <c>status</c> is pending, applied, cancelled or failed.
/// <c>appliedVersion</c> is the flag version an applied change wrote, and <c>failure</c> gives the reason a
/// failed one changed nothing.
/// </summary>
public sealed record FlagScheduleBody(
    string Id,
    DateTimeOffset At,
    string Action,
    string? Variant,
    IReadOnlyDictionary<string, int>? Weights,
    string? Comment,
    string Author,
    DateTimeOffset CreatedAt,
    string Status,
    DateTimeOffset? CompletedAt,
    int? AppliedVersion,
    string? Failure)
{
    public static FlagScheduleBody From(FlagSchedule schedule) => new(schedule.Id, schedule.At,
        FlagScheduleInput.NameOf(schedule.Action), schedule.Variant, schedule.Weights, schedule.Comment,
        schedule.Author, schedule.CreatedAt, StatusName(schedule.Status), schedule.CompletedAt,
        schedule.AppliedVersion, schedule.Failure);

    public static string StatusName(FlagScheduleStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The scheduled changes of one flag, newest first.</summary>
public sealed record FlagScheduleListBody(string Key, IReadOnlyList<FlagScheduleBody> Schedules);
