namespace OrleansConfig.Audit;

/// <summary>
/// One hash chain of audit records, keyed by namespace (or <see cref="AuditContext.GlobalChain"/>).
/// It numbers the records it appends, links each to the hash of the one before, and signs the head
/// at intervals, so that editing, deleting, inserting, reordering or cutting off records is found.
/// </summary>
[Alias("oc.audit-chain")]
public interface IAuditChainGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends the records whose ids the chain lacks, in order. Throws when the audit store cannot be
    /// written; nothing of the call is appended then.
    /// </summary>
    [Alias("append")]
    Task Append(IReadOnlyList<AuditRecord> records);

    /// <summary>Walks the chain from its first record and reports where, if anywhere, it breaks.</summary>
    [Alias("verify")]
    Task<AuditVerification> Verify();
}

/// <summary>
/// The result of a verification: <see cref="Intact"/> with the records checked, or the first
/// broken record's sequence number and why it is broken. <see cref="CheckpointSequence"/> is the
/// latest signed checkpoint, which the chain must reach with the same hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] string Chain,
    [property: Id(1)] bool Intact,
    [property: Id(2)] long Records,
    [property: Id(3)] long? BrokenAt,
    [property: Id(4)] string? Problem,
    [property: Id(5)] long? CheckpointSequence,
    [property: Id(6)] DateTimeOffset? CheckpointTime);
