namespace OrleansConfig.Audit;

/// <summary>
/// A filter over audit records, newest first, or oldest first when <see cref="Ascending"/>. Every
/// filter is optional; <see cref="After"/> continues a previous page.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.audit-filter")]
public sealed record AuditQuery(
    [property: Id(0)] DateTimeOffset? From,
    [property: Id(1)] DateTimeOffset? To,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string? Namespace,
    [property: Id(4)] string? Environment,
    [property: Id(5)] string? Resource,
    [property: Id(6)] string? Action,
    [property: Id(7)] AuditCursor? After,
    [property: Id(8)] int Limit,
    [property: Id(9)] bool Ascending = false);

/// <summary>A position in the order of records: time first, then insertion order.</summary>
[GenerateSerializer, Immutable, Alias("oc.audit-cursor")]
public sealed record AuditCursor([property: Id(0)] DateTimeOffset Time, [property: Id(1)] long Position);

/// <summary>A stored record with its chain position and hash.</summary>
[GenerateSerializer, Immutable, Alias("oc.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Position,
    [property: Id(1)] string Chain,
    [property: Id(2)] long Seq,
    [property: Id(3)] AuditRecord Record,
    [property: Id(4)] byte[] Hash);

/// <summary>One page of a query; <see cref="Next"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("oc.audit-page")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Entries,
    [property: Id(1)] AuditCursor? Next);

/// <summary>Runs audit queries in whichever silo is at hand; it keeps no state.</summary>
[Alias("oc.audit-query")]
public interface IAuditQueryGrain : IGrainWithIntegerKey
{
    [Alias("query"), ReadOnly]
    Task<AuditPage> Query(AuditQuery query);

    /// <summary>Returns how many configuration changes of all environments still lack their audit record.</summary>
    [Alias("backlog"), ReadOnly]
    Task<long> GetBacklog();
}
