using OrleansConfig.Changes;
using OrleansConfig.Schemas;

namespace OrleansConfig.Configuration;

/// <summary>
/// One item a change set writes. <see cref="ExpectedVersion"/> is the item's latest version when the change set
/// was made, or 0 for an item that must not exist (never written, or deleted); the change set fails when the item
/// has moved on. <see cref="Value"/> is the new JSON value, or null to delete the item.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-set-entry")]
public sealed record ChangeSetEntry(
    [property: Id(0)] ChangeKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] int ExpectedVersion,
    [property: Id(3)] string? Value);

/// <summary>
/// Changes to several items of one environment that commit together or not at all (see
/// <see cref="IEnvironmentGrain.ApplyChangeSet"/>). <see cref="BaseRevision"/>, when given, is the revision the
/// change set was computed at: any change to an item since then fails it. <see cref="Action"/> names what made
/// it (<c>promote</c>, <c>apply</c>) and <see cref="Source"/> where it came from (an environment or a plan id).
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-set-request")]
public sealed record ChangeSetRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] long? BaseRevision,
    [property: Id(2)] IReadOnlyList<ChangeSetEntry> Entries,
    [property: Id(3)] string Author,
    [property: Id(4)] string? Comment,
    [property: Id(5)] string Action,
    [property: Id(6)] string? Source);

/// <summary>Outcome of a change set.</summary>
public enum ChangeSetStatus
{
    Applied,
    EnvironmentNotFound,

    /// <summary>An item of the environment changed after <see cref="ChangeSetRequest.BaseRevision"/>.</summary>
    Moved,

    /// <summary>An entry's item is not at its expected version, or another change set holds it.</summary>
    Conflict,

    /// <summary>An entry's key or value is invalid or fails a schema; nothing was written.</summary>
    Invalid,
    AuditUnavailable,
}

/// <summary>
/// What a change set did to one item; <see cref="Outcome"/> is created, updated, deleted or superseded.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-set-entry-result")]
public sealed record ChangeSetEntryResult(
    [property: Id(0)] ChangeKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] string Outcome,
    [property: Id(3)] int Version);

/// <summary>
/// Result of a change set: the environment's revision after it, what it did per item, and on failure why, with
/// the schema violations of an <see cref="ChangeSetStatus.Invalid"/> one.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-set-result")]
public sealed record ChangeSetResult(
    [property: Id(0)] ChangeSetStatus Status,
    [property: Id(1)] long Revision,
    [property: Id(2)] IReadOnlyList<ChangeSetEntryResult> Entries,
    [property: Id(3)] IReadOnlyList<SchemaViolation>? Violations,
    [property: Id(4)] string? Detail)
{
    public static ChangeSetResult Failure(ChangeSetStatus status, long revision, string detail,
        IReadOnlyList<SchemaViolation>? violations = null) => new(status, revision, [], violations, detail);
}

/// <summary>Outcomes of <see cref="ChangeSetEntryResult"/>.</summary>
public static class ChangeSetOutcomes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    /// <summary>
    /// The item changed after the change set committed and before it reached the item; happens only when a
    /// reservation was lost, as when a silo dies.
    /// </summary>
    public const string Superseded = "superseded";

    /// <summary>The item's grain refused the entry after the change set committed (flags only).</summary>
    public const string Failed = "failed";
}
