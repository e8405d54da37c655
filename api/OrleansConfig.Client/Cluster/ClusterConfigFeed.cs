using Microsoft.Extensions.Logging;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.Cluster;

internal sealed class ClusterConfigFeed(OrleansConfigOptions options, ILoggerFactory loggerFactory) : IConfigFeed
{
    public string Description => $"cluster {options.Cluster.ClusterId}";

    public Task<ConfigSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(loggerFactory.ToString());

    public IAsyncEnumerable<FeedMessage> WatchAsync(long afterRevision, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
