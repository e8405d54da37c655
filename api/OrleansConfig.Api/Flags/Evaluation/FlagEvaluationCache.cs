using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansConfig.Api.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Evaluation;

/// <summary>
/// The compiled flags of every environment this api process evaluates. An environment's flags are
/// loaded on its first evaluation and then kept current from the change stream, so evaluating needs
/// no grain call. Environments not evaluated for <see cref="FlagCacheOptions.IdleTimeout"/> are dropped.
/// </summary>
public sealed partial class FlagEvaluationCache : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EnvironmentFlagFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly IGrainFactory _grains;
    private readonly ChangeHub _hub;
    private readonly TimeProvider _time;
    private readonly FlagCacheOptions _options;
    private readonly FlagEvaluationOptions _evaluation;
    private readonly ILogger<FlagEvaluationCache> _logger;
    private ITimer? _evictionTimer;

    public FlagEvaluationCache(IGrainFactory grains, ChangeHub hub, TimeProvider time,
        IOptions<FlagCacheOptions> options, ILogger<FlagEvaluationCache> logger)
    {
        _grains = grains;
        _hub = hub;
        _time = time;
        _options = options.Value;
        _evaluation = new FlagEvaluationOptions { TimeProvider = time };
        _logger = logger;
    }

    /// <summary>The number of environments whose flags are compiled in this process.</summary>
    public int EnvironmentCount => _feeds.Count;

    /// <summary>
    /// Returns the compiled flags of an environment, loading them on first use. Only that first load
    /// calls the cluster, and its failure propagates (the api returns 503); later failures to refresh
    /// keep the flags already compiled.
    /// </summary>
    public ValueTask<EnvironmentFlags> GetAsync(string ns, string env, CancellationToken cancellationToken)
    {
        var key = GrainKeys.Environment(ns, env);
        if (_feeds.TryGetValue(key, out var feed) && feed.Loaded.IsCompletedSuccessfully)
        {
            feed.Touch();

            return ValueTask.FromResult(feed.Current);
        }

        return LoadAsync(ns, env, key, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        EnvironmentFlagFeed[] feeds;
        lock (_lock)
        {
            _evictionTimer?.Dispose();
            _evictionTimer = null;
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }

        foreach (var feed in feeds)
        {
            await feed.DisposeAsync();
        }
    }

    private async ValueTask<EnvironmentFlags> LoadAsync(string ns, string env, string key,
        CancellationToken cancellationToken)
    {
        EnvironmentFlagFeed? feed;
        lock (_lock)
        {
            if (!_feeds.TryGetValue(key, out feed))
            {
                feed = new EnvironmentFlagFeed(ns, env, _grains, _hub, _evaluation, _options, _time, _logger);
                _feeds[key] = feed;
                feed.Start();
                _evictionTimer ??= _time.CreateTimer(_ => _ = EvictIdleAsync(), null, EvictionPeriod, EvictionPeriod);
            }
        }

        feed.Touch();
        try
        {
            await feed.Loaded.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The feed stopped after its first load failed; the next request starts a new one.
            await RemoveAsync(key, feed);
            throw;
        }

        return feed.Current;
    }

    private TimeSpan EvictionPeriod =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.IdleTimeout.Ticks / 2));

    private async Task EvictIdleAsync()
    {
        var oldest = _time.GetUtcNow().UtcTicks - _options.IdleTimeout.Ticks;
        foreach (var (key, feed) in _feeds)
        {
            if (feed.LastUsedTicks < oldest && await RemoveAsync(key, feed))
            {
                LogEvicted(key, _options.IdleTimeout.TotalSeconds);
            }
        }
    }

    private async Task<bool> RemoveAsync(string key, EnvironmentFlagFeed feed)
    {
        bool removed;
        lock (_lock)
        {
            removed = _feeds.TryRemove(new KeyValuePair<string, EnvironmentFlagFeed>(key, feed));
        }

        if (removed)
        {
            await feed.DisposeAsync();
        }

        return removed;
    }

    [LoggerMessage(EventId = 2506, Level = LogLevel.Debug,
        Message = "Dropped the compiled flags of {Environment}, not evaluated for {IdleSeconds} s")]
    private partial void LogEvicted(string environment, double idleSeconds);
}
