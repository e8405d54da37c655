namespace OrleansConfig.Audit;

/// <summary>
/// The audit table and its checkpoints. Each chain has one writer, its <see cref="IAuditChainGrain"/>.
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Reads the last record's sequence number and hash, or 0 and <see cref="AuditHashing.Genesis"/> for an
    /// empty chain.
    /// </summary>
    Task<(long Seq, byte[] Hash)> ReadHeadAsync(string chain, CancellationToken cancellationToken);

    /// <summary>Returns which of <paramref name="ids"/> are stored already.</summary>
    Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts chained records in one transaction, and moves the audited revision of each environment
    /// whose changes they record. Throws when any row cannot be written; then none is.
    /// </summary>
    Task AppendAsync(string chain, IReadOnlyList<ChainedRecord> records, CancellationToken cancellationToken);

    Task AppendCheckpointAsync(string chain, AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Reads records after <paramref name="afterSeq"/> in sequence order, as stored.</summary>
    Task<IReadOnlyList<ChainedRecord>> ReadChainAsync(string chain, long afterSeq, int limit,
        CancellationToken cancellationToken);

    Task<AuditCheckpoint?> ReadLatestCheckpointAsync(string chain, CancellationToken cancellationToken);

    /// <summary>Reads one page of records matching <paramref name="query"/>.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Returns how many configuration changes of all environments still lack their audit record.</summary>
    Task<long> ReadBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>A record with its place in its chain.</summary>
public sealed record ChainedRecord(long Seq, AuditRecord Record, byte[] PreviousHash, byte[] Hash);

/// <summary>A signed chain head.</summary>
public sealed record AuditCheckpoint(long Seq, byte[] Hash, DateTimeOffset SignedAt, string KeyId, byte[] Signature);
