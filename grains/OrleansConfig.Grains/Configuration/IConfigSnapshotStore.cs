using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

/// <summary>
/// Reads the current version of every item of one kind (configuration keys, flags, secrets) of an
/// environment straight from grain storage, so that an environment grain can rebuild its snapshot without
/// activating the item grains.
/// </summary>
public interface IConfigSnapshotStore
{
    /// <summary>False where grain state is not kept (the in-memory development mode).</summary>
    bool IsDurable { get; }

    /// <summary>
    /// Reads the items of every kind of <paramref name="ns"/>/<paramref name="env"/> in one query, only
    /// those written after <paramref name="changedAfter"/> when it is given. The result's time is the
    /// database clock at the read, to pass back as <paramref name="changedAfter"/> next time.
    /// </summary>
    Task<StoredKeys> ReadAsync(
        string ns, string env, DateTimeOffset? changedAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the versions of one key after <paramref name="afterVersion"/>, oldest first, with the key
    /// as written; null when the key has no row.
    /// </summary>
    Task<ConfigChangeHistory?> ReadVersionsAsync(
        string ns, string env, ChangeKind kind, string key, int afterVersion, CancellationToken cancellationToken);
}

/// <summary>Versions of one key read from storage, oldest first.</summary>
public sealed record ConfigChangeHistory(string Key, IReadOnlyList<ConfigVersion> Versions);

/// <summary>Items read from storage with their current versions, and the database time of the read.</summary>
public sealed record StoredKeys(IReadOnlyList<StoredItem> Items, DateTimeOffset ReadAt);

/// <summary>The current version of one item as read from storage.</summary>
public readonly record struct StoredItem(ChangeKind Kind, ConfigChange Change);

/// <summary>The store of the in-memory development mode: nothing is kept, so nothing is read.</summary>
public sealed class InMemoryConfigSnapshotStore(TimeProvider time) : IConfigSnapshotStore
{
    public bool IsDurable => false;

    public Task<StoredKeys> ReadAsync(
        string ns, string env, DateTimeOffset? changedAfter, CancellationToken cancellationToken) =>
        Task.FromResult(new StoredKeys([], time.GetUtcNow()));

    public Task<ConfigChangeHistory?> ReadVersionsAsync(
        string ns, string env, ChangeKind kind, string key, int afterVersion, CancellationToken cancellationToken) =>
        Task.FromResult<ConfigChangeHistory?>(null);
}
