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

    /// <summary>Reports what this instance applied, for the platform's instance list.</summary>
    /// <exception cref="FeedException">The platform rejected the report or could not be reached.</exception>
    Task SendHeartbeatAsync(ClientHeartbeat heartbeat, CancellationToken cancellationToken);
}

/// <summary>
/// What a heartbeat reports: the revision applied, the hash of the applied entries, and where they came from.
/// </summary>
internal sealed record ClientHeartbeat(string InstanceId, long Revision, string ConfigHash, string? Prefix,
    string? Application, string Host, string Transport, string Source, DateTimeOffset StartedAt);
