namespace OrleansConfig.Client.Feed;

/// <summary>
/// One way to read an environment: snapshots on request and a stream of the changes after a revision.
/// </summary>
internal interface IConfigFeed : IAsyncDisposable
{
    /// <summary>Short name for logs and status messages, such as the api address.</summary>
    string Description { get; }

    /// <exception cref="FeedException">The platform rejected the request or could not be reached.</exception>
    Task<ConfigSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens the change feed and yields its messages, starting with changes after
    /// <paramref name="afterRevision"/>, until the connection ends or fails.
    /// </summary>
    /// <exception cref="FeedException">
    /// The platform rejected the request, could not be reached, or went silent.
    /// </exception>
    IAsyncEnumerable<FeedMessage> WatchAsync(long afterRevision, CancellationToken cancellationToken);
}
