using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using OrleansConfig.Configuration;
using StackExchange.Redis;

namespace OrleansConfig.Hosting;

/// <summary>Configures a silo of OrleansConfig: clustering, grain storage, schema and grain services.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Configures everything: cluster membership and endpoints, then the grain services.</summary>
    public static ISiloBuilder AddOrleansConfig(this ISiloBuilder silo, OrleansConfigSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        if (settings.InMemory)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        }
        else
        {
            silo.ConfigureEndpoints(
                settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseRedisClustering(
                options => options.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
            silo.Configure<ClusterMembershipOptions>(
                options => ClusterTimings.Apply(options, settings.FastFailureDetection));
        }

        return silo.AddOrleansConfigGrains(settings);
    }

    /// <summary>
    /// Configures grain storage, the schema migration and the services grains depend on, but not
    /// membership, for hosts that bring their own (test clusters).
    /// </summary>
    public static ISiloBuilder AddOrleansConfigGrains(this ISiloBuilder silo, OrleansConfigSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);

        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton(ProductClock.ServiceKey, TimeProvider.System);
        silo.Services.AddOptions<ConfigStoreOptions>()
            .BindConfiguration(ConfigStoreOptions.SectionName)
            .ValidateDataAnnotations();

        if (settings.InMemory)
        {
            silo.AddMemoryGrainStorage(StorageNames.Provider);
            silo.Services.AddSingleton<IConfigSnapshotStore, InMemoryConfigSnapshotStore>();

            return silo;
        }

        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres));
        silo.Services.AddSingleton<SchemaMigrator>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        silo.Services.AddSingleton<IConfigSnapshotStore, PostgresConfigSnapshotStore>();
        silo.AddAdoNetGrainStorage(StorageNames.Provider, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = settings.Postgres;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });

        return silo;
    }
}
