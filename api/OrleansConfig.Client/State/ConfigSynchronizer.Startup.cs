using System.Text.Json;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.State;

internal sealed partial class ConfigSynchronizer
{
    /// <summary>
    /// Starts the loop and waits up to the startup timeout for the platform's first answer. Without one,
    /// applies the cache file; without that, starts empty when the provider is optional.
    /// </summary>
    /// <exception cref="OrleansConfigUnavailableException">
    /// Neither the platform nor the cache gave a configuration, and the provider is not optional.
    /// </exception>
    public void Start()
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token));
        StartHeartbeats();
        var first = _firstContact.Task;
        var answered = first.Wait(_options.StartupTimeout);
        if (answered && first.Result is null)
        {
            return;
        }

        var failure = answered ? first.Result : null;
        var reason = failure?.Message ?? Status.LastError
            ?? $"no answer within the startup timeout of {_options.StartupTimeout.TotalSeconds:0.#} s";
        if (TryStartFromCache(reason))
        {
            return;
        }

        if (_options.Optional)
        {
            LogStartedEmpty(_options.Namespace, _options.Environment, reason);

            return;
        }

        DisposeAsync().AsTask().GetAwaiter().GetResult();
        var cacheNote = _cache is null
            ? "The cache is disabled."
            : $"No cache file exists at {_cache.File.Path}.";
        throw new OrleansConfigUnavailableException(
            $"Could not load the configuration of {_options.Namespace}/{_options.Environment} "
            + $"from {_feed.Description}: {reason}. {cacheNote} Make the platform reachable, "
            + "or set Optional to start with an empty configuration.",
            failure);
    }

    private bool TryStartFromCache(string reason)
    {
        if (_cache is null)
        {
            return false;
        }

        ConfigSnapshot? snapshot;
        try
        {
            snapshot = _cache.File.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException
            or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogCacheReadFailed(_cache.File.Path, exception);

            return false;
        }

        if (snapshot is null)
        {
            return false;
        }

        lock (_gate)
        {
            // The loop may have loaded the platform's snapshot since the wait ended; it is newer than any cache.
            if (_state.Revision >= 0)
            {
                return true;
            }

            _state.Replace(snapshot);
            PublishLocked(SnapshotSource.Cache, writeCache: false);
        }

        LogStartedFromCache(_options.Namespace, _options.Environment, _cache.File.Path, snapshot.Revision, reason);

        return true;
    }
}
