using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansConfig.Changes;
using StackExchange.Redis;

namespace OrleansConfig.Client.Cluster;

/// <summary>
/// A private host that runs only an Orleans cluster client. The provider needs one of its own because
/// configuration is built before the application's services, so it cannot use the application's client.
/// </summary>
internal static class ClusterClientHost
{
    public static IHost Build(OrleansConfigClusterOptions cluster, ILoggerFactory loggerFactory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "OrleansConfig.Client",
        });

        // Registered as an instance, so the host logs through it and does not dispose it.
        builder.Services.AddSingleton(loggerFactory);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseRedisClustering(options =>
                options.ConfigurationOptions = ConfigurationOptions.Parse(cluster.RedisConnectionString!));
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = cluster.ResponseTimeout);
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));

            // Named explicitly, so the grain contracts are found where assembly scanning does not reach.
            client.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(IChangeFeedGrain).Assembly));
        });

        return builder.Build();
    }
}
