using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansConfig.Configuration;

namespace OrleansConfig.Changes;

/// <summary>
/// What a <see cref="ClusterChangeSubscription"/> hands on: events in revision order that continue
/// the previous delivery without a gap, or, when the change log no longer contains what was missed, a
/// resync at <see cref="Revision"/> after which the receiver must reload the snapshot.
/// </summary>
public sealed record ChangeDelivery(IReadOnlyList<ChangeEvent> Events, bool Resync, long Revision);

/// <summary>
/// Receives one environment's changes in a process outside the cluster (an api process or a co-hosted
/// client) through an observer on the environment's <see cref="IChangeFeedGrain"/>. Deliveries are in
/// revision order, without gaps or repeats: a message lost on the way, or a feed that lost its state
/// with its silo, shows up as a gap in revisions or behind the environment's revision at the next lease
/// renewal, and is filled from <see cref="IEnvironmentGrain.GetChanges"/>. Deliveries run one at a time.
/// </summary>
public sealed partial class ClusterChangeSubscription : IChangeObserver, IAsyncDisposable
{
    private const int PageSize = 1000;

    private readonly Channel<IReadOnlyList<ChangeEvent>?> _signals =
        Channel.CreateUnbounded<IReadOnlyList<ChangeEvent>?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly IGrainFactory _grains;
    private readonly IEnvironmentGrain _environment;
    private readonly IChangeFeedGrain _feed;
    private readonly Func<ChangeDelivery, CancellationToken, Task> _deliver;
    private readonly ILogger _logger;
    private readonly string _key;
    private IChangeObserver? _reference;
    private Task _processing = Task.CompletedTask;
    private Task _renewing = Task.CompletedTask;
    private long _revision;

    private ClusterChangeSubscription(IGrainFactory grains, string ns, string env, long afterRevision,
        Func<ChangeDelivery, CancellationToken, Task> deliver, ILogger logger)
    {
        _grains = grains;
        _key = GrainKeys.Environment(ns, env);
        _environment = grains.GetGrain<IEnvironmentGrain>(_key);
        _feed = grains.GetGrain<IChangeFeedGrain>(_key);
        _deliver = deliver;
        _logger = logger;
        _revision = afterRevision;
    }

    /// <summary>The revision of the last delivery.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>
    /// Subscribes and delivers, in the background, every change after <paramref name="afterRevision"/>
    /// to <paramref name="deliver"/>. Throws when the feed cannot be reached at all.
    /// </summary>
    public static async Task<ClusterChangeSubscription> StartAsync(IGrainFactory grains, string ns, string env,
        long afterRevision, Func<ChangeDelivery, CancellationToken, Task> deliver, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(deliver);

        var subscription = new ClusterChangeSubscription(grains, ns, env, afterRevision, deliver,
            logger ?? NullLogger.Instance);
        subscription._reference = grains.CreateObjectReference<IChangeObserver>(subscription);
        await subscription._feed.Subscribe(subscription._reference).WaitAsync(cancellationToken);
        subscription._processing = Task.Run(subscription.Process, CancellationToken.None);
        subscription._renewing = Task.Run(subscription.Renew, CancellationToken.None);
        subscription._signals.Writer.TryWrite(null);

        return subscription;
    }

    Task IChangeObserver.OnChanges(string environmentKey, IReadOnlyList<ChangeEvent> events)
    {
        _signals.Writer.TryWrite(events);

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _signals.Writer.TryComplete();
        await Task.WhenAll(_processing, _renewing).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_reference is not null)
        {
            try
            {
                await _feed.Unsubscribe(_reference).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The lease expires on its own.
            }

            _grains.DeleteObjectReference<IChangeObserver>(_reference);
        }

        _stop.Dispose();
    }

    /// <summary>Handles pushed events, and catch-up requests (null), one at a time.</summary>
    private async Task Process()
    {
        var token = _stop.Token;
        await foreach (var events in _signals.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (events is null)
                {
                    await CatchUp(long.MaxValue, token);
                    continue;
                }

                var first = events.FirstOrDefault(e => e.Revision > _revision);
                if (first is null)
                {
                    continue;
                }

                if (first.Revision > _revision + 1)
                {
                    await CatchUp(first.Revision - 1, token);
                }

                var fresh = events.Where(e => e.Revision > _revision).ToArray();
                if (fresh.Length > 0 && fresh[0].Revision == _revision + 1)
                {
                    await Deliver(new ChangeDelivery(fresh, false, fresh[^1].Revision), token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next renewal finds the revision behind and requests a catch-up.
                LogDeliveryFailed(_key, _revision, exception);
            }
        }
    }

    /// <summary>Reads the change log from the last delivery up to <paramref name="upTo"/> or the head.</summary>
    private async Task CatchUp(long upTo, CancellationToken token)
    {
        while (_revision < upTo)
        {
            var page = await _environment.GetChanges(_revision, PageSize);
            if (page.Head < 0)
            {
                return;
            }

            if (page.Resync)
            {
                await Deliver(new ChangeDelivery([], true, page.Head), token);
                return;
            }

            if (page.Events.Count == 0)
            {
                return;
            }

            await Deliver(new ChangeDelivery(page.Events, false, page.Events[^1].Revision), token);
        }
    }

    private async Task Deliver(ChangeDelivery delivery, CancellationToken token)
    {
        await _deliver(delivery, token);
        Interlocked.Exchange(ref _revision, delivery.Revision);
    }

    /// <summary>Renews the lease and requests a catch-up when the environment is ahead of the deliveries.</summary>
    private async Task Renew()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ChangeFeed.RenewInterval, token);
                await _feed.Subscribe(_reference!);
                var head = await _environment.GetRevision();
                if (head >= 0 && head != Revision)
                {
                    _signals.Writer.TryWrite(null);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRenewFailed(_key, exception);
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Changes of {Environment} after revision {Revision} could not be delivered; retrying at the next renewal")]
    private partial void LogDeliveryFailed(string environment, long revision, Exception exception);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning,
        Message = "The change feed lease of {Environment} could not be renewed; retrying")]
    private partial void LogRenewFailed(string environment, Exception exception);
}
