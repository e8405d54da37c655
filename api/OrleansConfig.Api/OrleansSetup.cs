using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using OrleansConfig.Hosting;
using StackExchange.Redis;

namespace OrleansConfig.Api;

/// <summary>Connects the api to the cluster, or co-hosts a silo in the development mode.</summary>
public static partial class OrleansSetup
{
    /// <summary>How long a grain call may take before the caller sees 503; Orleans' default is 30 seconds.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    public static void AddCluster(WebApplicationBuilder builder, OrleansConfigSettings settings)
    {
        if (settings.InMemory)
        {
            builder.UseOrleans(silo => silo.AddOrleansConfig(settings));

            return;
        }

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            client.UseRedisClustering(
                options => options.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout);
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter(RetryConnection);
        });
    }

    /// <summary>Keeps retrying to reach a gateway, so the api may start before the silos.</summary>
    private static async Task<bool> RetryConnection(Exception exception, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"Waiting for a silo gateway: {exception.Message}");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        return true;
    }
}
