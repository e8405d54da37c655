using System.Net;

namespace OrleansConfig.Hosting;

/// <summary>
/// Where a silo or client finds PostgreSQL and Redis and how it joins the cluster, read from the
/// <c>ORLEANSCONFIG_*</c> environment variables (see <see cref="FromEnvironment"/>).
/// </summary>
public sealed record OrleansConfigSettings
{
    public const string DefaultPostgres =
        "Host=127.0.0.1;Port=5432;Database=orleansconfig;Username=orleansconfig;Password=orleansconfig";

    /// <summary>Npgsql connection string of the grain-state database.</summary>
    public string Postgres { get; init; } = DefaultPostgres;

    /// <summary>StackExchange.Redis configuration string of the membership store.</summary>
    public string Redis { get; init; } = "127.0.0.1:6379";

    public string ClusterId { get; init; } = "orleansconfig";

    /// <summary>Identity of the stored data; rows written under one service id are invisible to another.</summary>
    public string ServiceId { get; init; } = "orleansconfig";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Declares a dead silo within about a second instead of several, for tests. Such short probe
    /// timeouts risk declaring a busy but live silo dead, so production keeps the default.
    /// </summary>
    public bool FastFailureDetection { get; init; }

    /// <summary>Runs with localhost clustering and in-memory storage: nothing is kept.</summary>
    public bool InMemory { get; init; }

    public static OrleansConfigSettings FromEnvironment()
    {
        var defaults = new OrleansConfigSettings();

        return new OrleansConfigSettings
        {
            Postgres = Read("ORLEANSCONFIG_POSTGRES") ?? defaults.Postgres,
            Redis = Read("ORLEANSCONFIG_REDIS") ?? defaults.Redis,
            ClusterId = Read("ORLEANSCONFIG_CLUSTER_ID") ?? defaults.ClusterId,
            ServiceId = Read("ORLEANSCONFIG_SERVICE_ID") ?? defaults.ServiceId,
            SiloPort = ReadPort("ORLEANSCONFIG_SILO_PORT") ?? defaults.SiloPort,
            GatewayPort = ReadPort("ORLEANSCONFIG_GATEWAY_PORT") ?? defaults.GatewayPort,
            AdvertisedAddress = ReadAddress("ORLEANSCONFIG_ADVERTISED_IP") ?? defaults.AdvertisedAddress,
            FastFailureDetection = Read("ORLEANSCONFIG_FAST_FAILURE_DETECTION") is "1" or "true",
        };
    }

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int? ReadPort(string name)
    {
        var text = Read(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name}='{text}' is not a TCP port; use a number from 1 to 65535.");
    }

    private static IPAddress? ReadAddress(string name)
    {
        var text = Read(name);
        if (text is null)
        {
            return null;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        // A host name, as container platforms provide: advertise its first IPv4 address.
        var resolved = Dns.GetHostAddresses(text)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);

        return resolved ?? throw new InvalidOperationException(
            $"{name}='{text}' is neither an IP address nor a resolvable host name.");
    }
}
