using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansConfig.Configuration;
using OrleansConfig.Hosting;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>An in-process cluster of one silo whose grain state lives in the real PostgreSQL.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public const int MaxValueBytes = 4096;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string ServiceId { get; } = TestServices.NewServiceId();

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        Cluster = await StartAsync(ServiceId);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Starts a cluster on the database rows of <paramref name="serviceId"/>.</summary>
    /// <param name="serviceId">The service id whose rows the cluster uses.</param>
    /// <param name="reconcileInterval">How often environments reconcile; 10 seconds by default.</param>
    /// <param name="time">The product clock, for tests that move time.</param>
    /// <param name="configure">
    /// Changes the silo's services. It runs before the product's registrations, which then keep what it
    /// registered (a keyring), and again after the defaults, so that options it sets win.
    /// </param>
    public static async Task<InProcessTestCluster> StartAsync(
        string serviceId, TimeSpan? reconcileInterval = null, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            if (time is not null)
            {
                silo.Services.AddKeyedSingleton(ProductClock.ServiceKey, time);
            }

            configure?.Invoke(silo.Services);

            silo.AddOrleansConfigGrains(TestServices.Settings(serviceId));
            silo.Services.Configure<ConfigStoreOptions>(options =>
            {
                options.MaxValueBytes = MaxValueBytes;
                options.ReconcileInterval = reconcileInterval ?? TimeSpan.FromSeconds(10);
            });
            configure?.Invoke(silo.Services);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();

        return cluster;
    }

    /// <summary>Creates a namespace with one environment and returns the environment's name.</summary>
    public static async Task CreateEnvironmentAsync(IGrainFactory grains, string ns, string env)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(0);
        await catalog.CreateNamespace(ns, "test");
        await catalog.AddEnvironment(ns, env, "test");
        await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).Create("test");
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
