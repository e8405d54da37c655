using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansConfig.Client.Cache;
using OrleansConfig.Client.Cluster;
using OrleansConfig.Client.Feed;
using OrleansConfig.Client.Http;
using OrleansConfig.Client.State;

namespace OrleansConfig.Client;

/// <summary>
/// Configuration provider of one OrleansConfig environment. The first <see cref="Load"/> loads the
/// environment (or the cache file) and starts a background loop that applies every later change and
/// raises the reload token, so <c>IOptionsMonitor&lt;T&gt;</c> sees new values without a restart.
/// Disposing the provider stops the loop.
/// </summary>
public sealed class OrleansConfigProvider : ConfigurationProvider, IDisposable
{
    private readonly OrleansConfigOptions _options;
    private readonly Lock _dataGate = new();
    private ConfigSynchronizer? _synchronizer;

    /// <summary>Creates a provider that starts nothing until <see cref="Load"/>.</summary>
    public OrleansConfigProvider(OrleansConfigOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>What the provider applied, from where, and whether it is connected.</summary>
    public OrleansConfigStatus Status => _synchronizer?.Status
        ?? new OrleansConfigStatus(_options.Namespace, _options.Environment, _options.Transport,
            -1, SnapshotSource.None, false, null, "The provider has not been loaded.", null);

    /// <summary>
    /// Loads the configuration on the first call and starts watching for changes; later calls, such as
    /// <see cref="IConfigurationRoot.Reload"/>, keep the live data.
    /// </summary>
    /// <exception cref="OrleansConfigUnavailableException">
    /// Neither the platform nor the cache gave a configuration, and the provider is not optional.
    /// </exception>
    public override void Load()
    {
        if (_synchronizer is not null)
        {
            return;
        }

        var loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<OrleansConfigProvider>();
        var synchronizer = new ConfigSynchronizer(
            _options, CreateFeed(loggerFactory), CreateCache(logger), Publish, logger);
        synchronizer.Start();
        _synchronizer = synchronizer;
    }

    /// <summary>
    /// Sets a value until the next change from the platform replaces the data. The data is copied first,
    /// because readers on other threads may be enumerating the published dictionary.
    /// </summary>
    public override void Set(string key, string? value)
    {
        lock (_dataGate)
        {
            Data = new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase) { [key] = value };
        }
    }

    /// <summary>Stops watching for changes and releases the connection to the platform.</summary>
    public void Dispose() => _synchronizer?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() =>
        $"{nameof(OrleansConfigProvider)} for {_options.Namespace}/{_options.Environment}";

    internal Task StopAsync() => _synchronizer?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    private void Publish(Dictionary<string, string?> data)
    {
        lock (_dataGate)
        {
            Data = data;
        }

        OnReload();
    }

    private IConfigFeed CreateFeed(ILoggerFactory loggerFactory) => _options.Transport == OrleansConfigTransport.Http
        ? new HttpConfigFeed(_options)
        : new ClusterConfigFeed(_options, loggerFactory);

    /// <summary>Names the platform the data comes from: the api address, or the cluster's service id.</summary>
    private string Origin() => _options.Transport == OrleansConfigTransport.Http
        ? $"http {_options.BaseAddress}"
        : $"orleans {_options.Cluster.ServiceId}";

    private CacheWriter? CreateCache(ILogger logger)
    {
        if (!_options.CacheEnabled)
        {
            return null;
        }

        var path = _options.CachePath
            ?? SnapshotCacheFile.DefaultPath(Origin(), _options.Namespace, _options.Environment, _options.Prefix);

        var file = new SnapshotCacheFile(path, _options.Namespace, _options.Environment, _options.Prefix);

        return new CacheWriter(file, logger);
    }
}
