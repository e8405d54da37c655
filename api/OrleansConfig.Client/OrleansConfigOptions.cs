using Microsoft.Extensions.Logging;

namespace OrleansConfig.Client;

/// <summary>
/// Settings of the OrleansConfig configuration provider: which environment to load, how to reach the
/// platform, and how to behave while it is unreachable.
/// </summary>
public sealed class OrleansConfigOptions
{
    /// <summary>Namespace to load, for example <c>shop</c>. Required.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>Environment of <see cref="Namespace"/> to load, for example <c>prod</c>. Required.</summary>
    public string Environment { get; set; } = "";

    /// <summary>
    /// How the provider reaches the platform. The default value is <see cref="OrleansConfigTransport.Http"/>.
    /// </summary>
    public OrleansConfigTransport Transport { get; set; } = OrleansConfigTransport.Http;

    /// <summary>
    /// Address of the OrleansConfig api, for example <c>http://127.0.0.1:5080</c>. Required for HTTP.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// API key sent as <c>Authorization: Bearer</c>; a read-only service token is enough. Required for HTTP.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Cluster membership settings. Required for <see cref="OrleansConfigTransport.Orleans"/>.</summary>
    public OrleansConfigClusterOptions Cluster { get; } = new();

    /// <summary>
    /// Loads only the keys that start with this text, compared ignoring case as the api's snapshot
    /// filter does; end it with <c>:</c> to select one section. The default value is null (all keys).
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Removes <see cref="Prefix"/>, and a <c>:</c> that follows it, from the configuration keys, so that
    /// <c>Shop:Db:Host</c> loaded with the prefix <c>Shop:</c> is read as <c>Db:Host</c>. The default value is false.
    /// </summary>
    public bool StripPrefix { get; set; }

    /// <summary>
    /// File that keeps the last applied snapshot, read at start when the platform is unreachable. The
    /// default value is null, which puts the file in the user's local application data folder, named
    /// after the namespace, the environment and the prefix.
    /// </summary>
    public string? CachePath { get; set; }

    /// <summary>Whether the snapshot is kept on local disk. The default value is true.</summary>
    public bool CacheEnabled { get; set; } = true;

    /// <summary>
    /// How long the first load waits for the platform before it falls back to the cache. The default
    /// value is 5 seconds.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When true, a start with neither the platform nor a cache gives an empty configuration that fills
    /// once the platform answers; when false, such a start throws
    /// <see cref="OrleansConfigUnavailableException"/>. The default value is false.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>First delay before reconnecting after a failure. The default value is 0.5 seconds.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Maximum delay between reconnection attempts; the delay doubles from <see cref="ReconnectMinDelay"/>
    /// up to it, with random jitter. Rejected credentials always wait this long. The default value is 30 seconds.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an open change stream may stay silent before it counts as dead and is reopened: three
    /// times the api's heartbeat interval (<c>OrleansConfig:Watch:HeartbeatInterval</c>, 5 seconds by
    /// default). The default value is 15 seconds.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Maximum time of one snapshot request. The default value is 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Logger factory of the provider, which runs before the application's services exist. The default
    /// value is null, which logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// How often the provider reports its applied revision and the hash of its configuration to the platform,
    /// which lists them at <c>GET …/environments/{env}/instances</c>. <see cref="TimeSpan.Zero"/> turns the
    /// reports off. The default value is 30 seconds.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Name of this running instance in the platform's instance list: 1 to 128 ASCII letters, digits and
    /// <c>. _ : -</c>. The default value is null, which uses the machine name, the process id and a random suffix.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// Name of the application the instance list shows. The default value is null, which uses the entry
    /// assembly's name.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>Clock of delays and timestamps. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
