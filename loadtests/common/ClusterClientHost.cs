using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansConfig.LoadTests;

/// <summary>
/// An Orleans client configured as the api's: Redis membership, the cluster's ids and a 5-second
/// response timeout.
/// </summary>
public static class ClusterClientHost
{
    /// <summary>
    /// Starts the client of the cluster whose membership is in <paramref name="redis"/> (a StackExchange.Redis
    /// configuration string); returns once it is connected to a gateway.
    /// </summary>
    public static async Task<IHost> StartAsync(string redis, string clusterId, string serviceId,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = serviceId;
            });
            client.UseRedisClustering(clustering =>
                clustering.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(5));
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken);

        return host;
    }
}
