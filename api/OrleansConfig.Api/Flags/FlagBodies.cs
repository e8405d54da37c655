using OrleansConfig.Api.Http;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// One flag as the api returns it. <c>definition</c> is the stored flag document, written compactly.
/// <c>lifecycle</c> is the shown lifecycle: active, potentially-stale, stale or archived.
/// <c>warnings</c> lists what a write accepted but found suspicious, and is empty on reads.
/// </summary>
public sealed record FlagBody(
    string Namespace,
    string Environment,
    string Key,
    RawJson Definition,
    int Version,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom,
    string? Action,
    string Lifecycle,
    FlagAgeBody Age,
    bool Changed,
    IReadOnlyList<FlagProblemBody> Warnings);

/// <summary>
/// How old a flag is against its expected lifetime. <c>expectedLifetimeDays</c> and
/// <c>staleAfter</c> are null for a permanent flag.
/// </summary>
public sealed record FlagAgeBody(DateTimeOffset CreatedAt, int? ExpectedLifetimeDays, DateTimeOffset? StaleAfter);

/// <summary>One flag of an environment listing.</summary>
public sealed record FlagListItemBody(
    string Key,
    RawJson Definition,
    int Version,
    DateTimeOffset UpdatedAt,
    string Author,
    string Lifecycle);

/// <summary>The flags of an environment at <c>revision</c>, sorted by key.</summary>
public sealed record FlagListBody(
    string Namespace, string Environment, long Revision, IReadOnlyList<FlagListItemBody> Flags);

/// <summary>One version of a flag. Its <c>definition</c> is null for a deletion.</summary>
public sealed record FlagVersionBody(
    int Version,
    RawJson? Definition,
    bool Deleted,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom,
    string? Action);

public sealed record FlagHistoryBody(string Key, IReadOnlyList<FlagVersionBody> Versions, int? NextBefore);

public sealed record FlagDeletedBody(string Namespace, string Environment, string Key, int Version, bool Deleted);
