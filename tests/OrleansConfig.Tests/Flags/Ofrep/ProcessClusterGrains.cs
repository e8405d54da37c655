using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansConfig.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// An Orleans client in the test process connected to a <see cref="ProcessCluster"/> through its Redis
/// membership, for writing flags to the silos while the api process evaluates them.
/// </summary>
internal sealed class ProcessClusterGrains : IAsyncDisposable
{
    private readonly IHost _host;

    private ProcessClusterGrains(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ProcessClusterGrains> ConnectAsync(ProcessCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ServiceId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseRedisClustering(options =>
                options.ConfigurationOptions = ConfigurationOptions.Parse(TestServices.Redis));
        });
        var host = builder.Build();
        await host.StartAsync();

        return new ProcessClusterGrains(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
