namespace OrleansConfig.Changes;

/// <summary>
/// The change log of environments: every sequenced event, the head revision and, per key, the
/// latest version sequenced. The environment grain is its only writer; the log lets subscribers
/// replay what they missed and lets a new activation find versions that were never sequenced.
/// </summary>
public interface IChangeLogStore
{
    /// <summary>False where nothing is kept across activations (the in-memory development mode).</summary>
    bool IsDurable { get; }

    /// <summary>Reads the head of an environment's log, or null when nothing was ever logged for it.</summary>
    Task<ChangeLogHead?> LoadAsync(string ns, string env, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the log of an environment whose keys existed before it had one: the head is
    /// <paramref name="revision"/>, the keys' versions are recorded as sequenced, and no event
    /// before it is kept.
    /// </summary>
    Task StartAsync(string ns, string env, long revision, IReadOnlyDictionary<ChangeItem, int> versions,
        CancellationToken cancellationToken);

    /// <summary>
    /// Appends events that continue the log after <paramref name="expectedHead"/>, atomically with the
    /// new head and the keys' versions. Throws <see cref="ChangeLogConflictException"/> when the head
    /// in storage is not <paramref name="expectedHead"/>, which means another activation wrote it.
    /// </summary>
    Task AppendAsync(string ns, string env, long expectedHead, IReadOnlyList<ChangeEvent> events,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="limit"/> events after <paramref name="afterRevision"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<ChangeEvent>> ReadAsync(string ns, string env, long afterRevision, int limit,
        CancellationToken cancellationToken);

    /// <summary>
    /// Deletes events before <paramref name="firstKept"/> and records it as the first retained revision.
    /// </summary>
    Task TrimAsync(string ns, string env, long firstKept, CancellationToken cancellationToken);
}

/// <summary>One versioned item of an environment: a configuration key, a flag or a secret, by normalized key.</summary>
public readonly record struct ChangeItem(ChangeKind Kind, string NormalizedKey);

/// <summary>
/// The head of a log: the latest revision, the oldest revision still kept (head + 1 when none is),
/// the latest revision with its audit record written, and the latest version sequenced per item.
/// </summary>
public sealed record ChangeLogHead(
    long Revision, long FirstRetained, long Audited, IReadOnlyDictionary<ChangeItem, int> Versions);

/// <summary>The log's head moved under an activation that believed it was the only writer.</summary>
public sealed class ChangeLogConflictException(string message) : Exception(message);
