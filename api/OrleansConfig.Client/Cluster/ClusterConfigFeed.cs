using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansConfig.Changes;
using OrleansConfig.Client.Feed;
using OrleansConfig.Configuration;
using OrleansConfig.Instances;

namespace OrleansConfig.Client.Cluster;

/// <summary>
/// Reads an environment through a private Orleans client: <see cref="IEnvironmentGrain.GetSnapshot"/> for
/// snapshots and a <see cref="ClusterChangeSubscription"/> for changes, which delivers them in revision
/// order without gaps. While no change arrives, the environment's revision is read every idle timeout,
/// so a lost cluster shows as a failure and the feed is reopened.
/// </summary>
internal sealed class ClusterConfigFeed(OrleansConfigOptions options, ILoggerFactory loggerFactory) : IConfigFeed
{
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ClusterConfigFeed>();
    private IHost? _host;

    public string Description { get; } =
        $"cluster {options.Cluster.ClusterId}/{options.Cluster.ServiceId} "
        + $"for {options.Namespace}/{options.Environment}";

    public async Task<ConfigSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var environment = await GetEnvironmentAsync(cancellationToken);
        var prefix = string.IsNullOrEmpty(options.Prefix) ? null : options.Prefix;
        var snapshot = await CallAsync(() => environment.GetSnapshot(prefix), "snapshot read", cancellationToken);
        if (snapshot.Entries is null)
        {
            throw MissingEnvironment();
        }

        return new ConfigSnapshot(snapshot.Revision,
            [.. snapshot.Entries.Select(entry => new ConfigSnapshotEntry(entry.Key, entry.Value, entry.Version))]);
    }

    public async IAsyncEnumerable<FeedMessage> WatchAsync(
        long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var environment = await GetEnvironmentAsync(cancellationToken);
        var deliveries = Channel.CreateUnbounded<ChangeDelivery>(new UnboundedChannelOptions { SingleReader = true });
        await using var subscription = await SubscribeAsync(afterRevision, deliveries.Writer, cancellationToken);
        var head = await ReadRevisionAsync(environment, cancellationToken);
        yield return new FeedReady(head);

        while (true)
        {
            if (!await WaitForDeliveryAsync(deliveries.Reader, environment, cancellationToken))
            {
                continue;
            }

            while (deliveries.Reader.TryRead(out var delivery))
            {
                if (delivery.Resync)
                {
                    yield return new FeedResync(delivery.Revision, -1);
                    continue;
                }

                foreach (var change in delivery.Events)
                {
                    yield return ToMessage(change);
                }
            }
        }
    }

    public async Task SendHeartbeatAsync(ClientHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken);
        var registry = client.GetGrain<IInstanceRegistryGrain>(
            GrainKeys.Environment(options.Namespace, options.Environment));
        var report = new InstanceHeartbeat(heartbeat.InstanceId, heartbeat.Revision, heartbeat.ConfigHash,
            heartbeat.Prefix, heartbeat.Application, heartbeat.Host, heartbeat.Transport, heartbeat.Source,
            heartbeat.StartedAt);
        await CallAsync(() => registry.Heartbeat(report), "heartbeat", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timeout.Token);
            _host.Dispose();
        }

        _startGate.Dispose();
    }

    private async Task<IEnvironmentGrain> GetEnvironmentAsync(CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken);

        return client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(options.Namespace, options.Environment));
    }

    /// <summary>Starts the private client host on first use; a failed start is retried on the next call.</summary>
    private async Task<IClusterClient> GetClientAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_host is null)
            {
                var host = ClusterClientHost.Build(options.Cluster, loggerFactory);
                try
                {
                    await CallAsync(
                        () => host.StartAsync(cancellationToken), "cluster client start", cancellationToken);
                }
                catch
                {
                    host.Dispose();
                    throw;
                }

                _host = host;
            }

            return _host.Services.GetRequiredService<IClusterClient>();
        }
        finally
        {
            _startGate.Release();
        }
    }

    private Task<ClusterChangeSubscription> SubscribeAsync(
        long afterRevision, ChannelWriter<ChangeDelivery> writer, CancellationToken cancellationToken) =>
        CallAsync(async () => await ClusterChangeSubscription.StartAsync(
                _host!.Services.GetRequiredService<IClusterClient>(), options.Namespace, options.Environment,
                afterRevision, (delivery, token) => writer.WriteAsync(delivery, token).AsTask(), _logger,
                cancellationToken),
            "change subscription", cancellationToken);

    /// <summary>
    /// Waits up to the idle timeout for a delivery; returns false after checking, at the timeout, that the
    /// environment still responds.
    /// </summary>
    private async Task<bool> WaitForDeliveryAsync(
        ChannelReader<ChangeDelivery> reader, IEnvironmentGrain environment, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(options.IdleTimeout);
        try
        {
            return await reader.WaitToReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ReadRevisionAsync(environment, cancellationToken);

            return false;
        }
    }

    private async Task<long> ReadRevisionAsync(IEnvironmentGrain environment, CancellationToken cancellationToken)
    {
        var revision = await CallAsync(environment.GetRevision, "revision read", cancellationToken);

        return revision >= 0 ? revision : throw MissingEnvironment();
    }

    private FeedException MissingEnvironment() => new(
        $"The environment {options.Namespace}/{options.Environment} does not exist in the cluster; create it, "
        + "or check the namespace, the environment and the cluster's service id.", isTransient: false);

    private static FeedMessage ToMessage(ChangeEvent change) => new FeedChange(change.Revision,
        change.Kind switch
        {
            ChangeKind.Config => FeedChange.ConfigKind,
            _ => change.Kind.ToString().ToLowerInvariant(),
        },
        change.Key, change.Version, change.Deleted ? null : change.Value ?? "null", change.Deleted);

    /// <summary>
    /// Runs a call into the cluster; any failure other than cancellation becomes a transient
    /// <see cref="FeedException"/>, because Orleans reports lost silos, gateways and timeouts with many types.
    /// </summary>
    private static async Task<T> CallAsync<T>(
        Func<Task<T>> call, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (Exception exception)
            when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new FeedException($"The {operation} failed: {exception.Message}", isTransient: true, exception);
        }
    }

    private static Task CallAsync(Func<Task> call, string operation, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await call();

            return true;
        }, operation, cancellationToken);
}
