using OrleansConfig.Api.Changes;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Evaluation;

/// <summary>
/// Keeps one environment's compiled flags current in this api process. It loads them once from
/// <see cref="IEnvironmentGrain.GetItems"/>, then applies the flag events that the
/// <see cref="ChangeHub"/> delivers, and loads them again after a gap in revisions, a resync or a
/// listener that fell behind. While the cluster cannot be reached it keeps the flags it has and retries.
/// </summary>
internal sealed partial class EnvironmentFlagFeed : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _ns;
    private readonly string _env;
    private readonly IEnvironmentGrain _environment;
    private readonly ChangeHub _hub;
    private readonly FlagEvaluationOptions _evaluation;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EnvironmentFlags _current = EnvironmentFlags.Missing;
    private Task _running = Task.CompletedTask;
    private long _lastUsedTicks;

    /// <summary>The environment revision of the last event applied, of any kind; -1 before the first load.</summary>
    private long _seen = -1;

    public EnvironmentFlagFeed(string ns, string env, IGrainFactory grains, ChangeHub hub,
        FlagEvaluationOptions evaluation, FlagCacheOptions options, TimeProvider time, ILogger logger)
    {
        _ns = ns;
        _env = env;
        _environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        _hub = hub;
        _evaluation = evaluation;
        _maxRetryDelay = options.MaxRetryDelay;
        _time = time;
        _logger = logger;
        Touch();
    }

    /// <summary>Completes after the first load, or fails with its exception; the feed then stops.</summary>
    public Task Loaded => _loaded.Task;

    public EnvironmentFlags Current => Volatile.Read(ref _current);

    /// <summary>When the flags were last evaluated, as UTC ticks.</summary>
    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _time.GetUtcNow().UtcTicks);

    public void Start() => _running = Task.Run(RunAsync, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var delay = FirstRetryDelay;
        while (!token.IsCancellationRequested)
        {
            try
            {
                // Listening starts before the load, so no event after the loaded revision is missed.
                using var listener = await _hub.ListenAsync(_ns, _env, token);
                await LoadAsync();
                _loaded.TrySetResult();
                delay = FirstRetryDelay;
                var reason = await FollowAsync(listener, token);
                LogReloading(_ns, _env, _seen, reason);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                _loaded.TrySetCanceled(token);

                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                if (_loaded.TrySetException(exception))
                {
                    LogLoadFailed(_ns, _env, exception);

                    return;
                }

                LogRefreshFailed(_ns, _env, delay.TotalSeconds, exception);
                if (!await DelayAsync(delay, token))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxRetryDelay.Ticks));
            }
        }
    }

    private async Task LoadAsync()
    {
        var current = Current;
        var items = await _environment.GetItems(ChangeKind.Flag, current.Exists ? _seen : -1);
        if (items.Revision >= 0 && items.Entries is null)
        {
            // Nothing changed since the revision this process already has.
            return;
        }

        var flags = EnvironmentFlags.Load(items, current, _evaluation);
        _seen = items.Revision;
        Volatile.Write(ref _current, flags);
        LogLoaded(_ns, _env, flags.Count, items.Revision);
    }

    /// <summary>Applies deliveries until a reload is needed; returns why.</summary>
    private async Task<string> FollowAsync(ChangeListener listener, CancellationToken token)
    {
        await foreach (var delivery in listener.Reader.ReadAllAsync(token))
        {
            if (delivery.Resync)
            {
                return "the change log no longer holds the missed events";
            }

            List<ChangeEvent>? flags = null;
            foreach (var change in delivery.Events)
            {
                if (change.Revision <= _seen)
                {
                    continue;
                }

                if (change.Revision != _seen + 1)
                {
                    return $"revision {change.Revision} arrived after {_seen}";
                }

                _seen = change.Revision;
                if (change.Kind == ChangeKind.Flag)
                {
                    (flags ??= []).Add(change);
                }
            }

            if (flags is not null)
            {
                Volatile.Write(ref _current, Current.Apply(flags, _evaluation));
                LogApplied(_ns, _env, flags.Count, flags[^1].Revision);
            }
        }

        return listener.Overflowed ? "the listener fell behind" : "the listener was closed";
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _time, token);

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
