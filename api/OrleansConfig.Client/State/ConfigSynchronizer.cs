using Microsoft.Extensions.Logging;
using OrleansConfig.Client.Cache;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.State;

/// <summary>
/// Keeps one environment's configuration current: loads a snapshot, applies the change feed after it in
/// revision order, reloads on a resync or a gap, reconnects with backoff, and hands every new set of
/// configuration data to <c>publish</c>. It alone changes the state, from its loop or, at start, from
/// the cache, always under one lock.
/// </summary>
internal sealed partial class ConfigSynchronizer : IAsyncDisposable
{
    private readonly OrleansConfigOptions _options;
    private readonly IConfigFeed _feed;
    private readonly CacheWriter? _cache;
    private readonly Action<Dictionary<string, string?>> _publish;
    private readonly ILogger _logger;
    private readonly EnvironmentState _state;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<FeedException?> _firstContact =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Random _random = new();
    private OrleansConfigStatus _status;
    private Task _loop = Task.CompletedTask;
    private int _failures;
    private long _readyRevision = long.MaxValue;
    private int _disposed;

    public ConfigSynchronizer(
        OrleansConfigOptions options,
        IConfigFeed feed,
        CacheWriter? cache,
        Action<Dictionary<string, string?>> publish,
        ILogger logger)
    {
        _options = options;
        _feed = feed;
        _cache = cache;
        _publish = publish;
        _logger = logger;
        _state = new EnvironmentState(new KeyFilter(options.Prefix, options.StripPrefix));
        _status = new OrleansConfigStatus(options.Namespace, options.Environment, options.Transport,
            -1, SnapshotSource.None, false, null, null, null);
        _instanceId = options.InstanceId ?? NewInstanceId();
        _startedAt = options.TimeProvider.GetUtcNow();
    }

    public OrleansConfigStatus Status => Volatile.Read(ref _status);

    /// <summary>The loop, for tests that wait for it to stop.</summary>
    internal Task Loop => _loop;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loop, _heartbeats).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException exception)
        {
            LogStopTimedOut(_feed.Description, exception);
        }

        if (_cache is not null)
        {
            await _cache.FlushAsync();
        }

        await _feed.DisposeAsync();
        _stopping.Dispose();
        LogStopped(_options.Namespace, _options.Environment);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.Zero;
            try
            {
                if (_state.Revision < 0)
                {
                    await ReloadAsync(cancellationToken);
                }

                await WatchAsync(cancellationToken);
                delay = ReconnectBackoff.Delay(1, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, _random);
                LogStreamEnded(_feed.Description, delay.TotalSeconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (FeedException exception)
            {
                delay = OnFailure(exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Nothing may end the loop but cancellation: log, back off and reconnect.
                delay = OnFailure(new FeedException(exception.Message, isTransient: true, exception));
            }

            UpdateStatus(status => status with { Connected = false });
            try
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _feed.WatchAsync(_state.Revision, cancellationToken))
        {
            switch (message)
            {
                case FeedReady ready:
                    OnReady(ready);
                    break;
                case FeedChange change when change.Revision <= _state.Revision:
                    break;
                case FeedChange change when change.Revision > _state.Revision + 1:
                    LogGap(_feed.Description, _state.Revision + 1, change.Revision);
                    await ReloadAsync(cancellationToken);
                    break;
                case FeedChange change:
                    Apply(change);
                    break;
                case FeedResync resync:
                    LogResync(_feed.Description, _state.Revision, resync.Revision, resync.FirstRetained);
                    await ReloadAsync(cancellationToken);
                    break;
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _feed.LoadSnapshotAsync(cancellationToken);
        lock (_gate)
        {
            _state.Replace(snapshot);
            PublishLocked(SnapshotSource.Platform, writeCache: true);
        }

        LogSnapshotLoaded(_options.Namespace, _options.Environment, snapshot.Revision, _state.Entries.Count);
        _firstContact.TrySetResult(null);
    }

    private void OnReady(FeedReady ready)
    {
        _failures = 0;
        UpdateStatus(status => status with { Connected = true, LastError = null, LastErrorAt = null });
        LogConnected(_feed.Description, ready.Revision, _state.Revision);
        _readyRevision = ready.Revision;
        MarkCaughtUp();
    }

    /// <summary>
    /// Marks data started from the cache as the platform's once it reaches the revision the feed had when
    /// it opened: from then on it is as current as a fresh snapshot.
    /// </summary>
    private void MarkCaughtUp()
    {
        if (_state.Revision >= _readyRevision && Status.Source != SnapshotSource.Platform)
        {
            UpdateStatus(status => status with { Source = SnapshotSource.Platform });
            _firstContact.TrySetResult(null);
        }
    }

    private void Apply(FeedChange change)
    {
        lock (_gate)
        {
            if (!_state.Apply(change))
            {
                UpdateStatus(status => status with { Revision = change.Revision });
                MarkCaughtUp();

                return;
            }

            var source = _state.Revision >= _readyRevision ? SnapshotSource.Platform : Status.Source;
            PublishLocked(source, writeCache: true);
            MarkCaughtUp();
        }

        LogChangeApplied(change.Key, change.Version, change.Revision, change.Deleted);
    }

    private TimeSpan OnFailure(FeedException exception)
    {
        _failures++;
        var now = _options.TimeProvider.GetUtcNow();
        UpdateStatus(status => status with { Connected = false, LastError = exception.Message, LastErrorAt = now });
        if (!exception.IsTransient)
        {
            _firstContact.TrySetResult(exception);
            LogRejected(_feed.Description, exception.Message, _options.ReconnectMaxDelay.TotalSeconds);

            return _options.ReconnectMaxDelay;
        }

        var delay = ReconnectBackoff.Delay(_failures, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, _random);
        if (_failures == 1 || _failures % 10 == 0)
        {
            LogFeedFailed(_feed.Description, _failures, delay.TotalSeconds, exception.Message);
        }

        return delay;
    }

    /// <summary>
    /// Builds and publishes the data of the current state, and offers it to the cache when asked; holds the lock.
    /// </summary>
    private void PublishLocked(SnapshotSource source, bool writeCache)
    {
        var data = _state.BuildData((key, exception) => LogInvalidValue(key, exception.Message));

        // The status changes first, so a reader woken by the reload token reads the status of the new data.
        var now = _options.TimeProvider.GetUtcNow();
        UpdateStatus(status => status with { Revision = _state.Revision, Source = source, LastAppliedAt = now });
        try
        {
            _publish(data);
        }
        catch (Exception exception)
        {
            // A listener of the reload token failed, for example options binding on a value it cannot
            // convert. The data is applied, and the next change is applied too. Only the exception's
            // type is logged, because a binder's message quotes the configuration value.
            LogListenerFailed(_state.Revision, exception.GetType().FullName ?? exception.GetType().Name);
        }

        if (writeCache)
        {
            _cache?.Offer(_state.ToSnapshot());
        }
    }

    private void UpdateStatus(Func<OrleansConfigStatus, OrleansConfigStatus> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _status, change(_status));
        }
    }
}
