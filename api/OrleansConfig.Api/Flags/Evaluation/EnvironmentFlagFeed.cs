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
                var following = _time.GetTimestamp();
                var reason = await FollowAsync(listener, token);
                LogReloading(_ns, _env, _seen, reason);

                // Reloads that follow each other at once would load the environment in a loop.
                if (_time.GetElapsedTime(following) < FirstRetryDelay && !await DelayAsync(FirstRetryDelay, token))
                {
                    return;
                }
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
            var read = ReadDelivery(delivery, _seen);
            if (read.ReloadReason is { } reason)
            {
                return reason;
            }

            _seen = read.Seen;
            if (read.FlagChanges.Count > 0)
            {
                Volatile.Write(ref _current, Current.Apply(read.FlagChanges, _evaluation));
                LogApplied(_ns, _env, read.FlagChanges.Count, read.FlagChanges[^1].Revision);
            }
        }

        return listener.Overflowed ? "the listener fell behind" : "the listener was closed";
    }

    /// <summary>
    /// Reads one delivery after revision <paramref name="seen"/>: the flag changes in it and the revision
    /// it reaches, or why the flags must be loaded again (a resync, or a revision that skips one).
    /// Events at or before <paramref name="seen"/> are already applied and skipped.
    /// </summary>
    internal static DeliveryRead ReadDelivery(ChangeDelivery delivery, long seen)
    {
        if (delivery.Resync)
        {
            return new([], seen, "the change log no longer holds the missed events");
        }

        List<ChangeEvent> flags = [];
        foreach (var change in delivery.Events)
        {
            if (change.Revision <= seen)
            {
                continue;
            }

            if (change.Revision != seen + 1)
            {
                return new([], seen, $"revision {change.Revision} arrived after {seen}");
            }

            seen = change.Revision;
            if (change.Kind == ChangeKind.Flag)
            {
                flags.Add(change);
            }
        }

        return new(flags, seen, null);
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

    /// <summary>What one delivery holds for the flags: changes to apply, or a reason to reload.</summary>
    internal readonly record struct DeliveryRead(IReadOnlyList<ChangeEvent> FlagChanges, long Seen,
        string? ReloadReason);
}
