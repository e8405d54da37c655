using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// The Orleans client of the co-hosted cases, configured as the api's: Redis membership, the
/// cluster's ids and a 5-second response timeout.
/// </summary>
public static class ClusterClientHost
{
    /// <summary>Starts the client; returns once it is connected to a gateway.</summary>
    public static async Task<IHost> StartAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5));
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken);

        return host;
    }
}
