using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Streams;
using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Drift;
using OrleansConfig.Instances;
using OrleansConfig.Schemas;
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

        silo.AddChangeStreams();
        silo.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations();
        silo.Services.TryAddSingleton(_ => AuditSigner.FromEnvironment());
        silo.Services.TryAddSingleton<SchemaCompiler>();
        silo.Services.AddOptions<DriftCheckOptions>()
            .BindConfiguration(DriftCheckOptions.SectionName)
            .ValidateDataAnnotations();
        silo.Services.AddOptions<InstanceOptions>()
            .BindConfiguration(InstanceOptions.SectionName)
            .ValidateDataAnnotations();
        silo.Services.AddHostedService<AuditKeyWarning>();
        silo.AddSecrets(settings);

        if (settings.InMemory)
        {
            silo.AddMemoryGrainStorage(StorageNames.Provider);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IConfigSnapshotStore, InMemoryConfigSnapshotStore>();
            silo.Services.AddSingleton<IChangeLogStore, InMemoryChangeLogStore>();
            silo.Services.AddSingleton<IAuditStore, InMemoryAuditStore>();

            return silo;
        }

        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres));
        silo.Services.AddSingleton<SchemaMigrator>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        silo.Services.AddSingleton<IConfigSnapshotStore, PostgresConfigSnapshotStore>();
        silo.Services.AddSingleton<IChangeLogStore, PostgresChangeLogStore>();
        silo.Services.AddSingleton<IAuditStore, PostgresAuditStore>();
        silo.AddAdoNetGrainStorage(StorageNames.Provider, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = settings.Postgres;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = settings.Postgres;
        });

        return silo;
    }

    /// <summary>
    /// Registers what secret grains need: their options, this silo's key-encryption keys, the fingerprint
    /// key (derived from the audit key), the rotation generators and the report of keys to the keyring.
    /// </summary>
    private static void AddSecrets(this ISiloBuilder silo, OrleansConfigSettings settings)
    {
        silo.Services.AddOptions<SecretOptions>()
            .BindConfiguration(SecretOptions.SectionName)
            .ValidateDataAnnotations();
        silo.Services.TryAddSingleton(services => SecretKeyringSetup.FromEnvironment(
            services.GetRequiredService<ILoggerFactory>().CreateLogger<SecretKeyring>(), settings.InMemory));
        silo.Services.TryAddSingleton(
            services => services.GetRequiredService<AuditSigner>().CreateSecretFingerprinter());
        silo.Services.TryAddSingleton(services => new SecretGenerators(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            },
            services.GetRequiredService<IOptions<SecretOptions>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, KeyringReporter>();
    }

    /// <summary>
    /// Registers the change stream provider: memory streams with implicit subscriptions only. Memory
    /// streams keep events in silo memory and lose those in flight when a silo dies; the change log in
    /// PostgreSQL is what makes delivery complete, because every consumer detects a gap by revision and
    /// reads it from the log. Implicit-only pub-sub keeps no subscription rows at all, so a stream per
    /// environment costs no storage. The pulling agents poll their queues every millisecond, which bounds
    /// the time an event waits in a queue; on a 2-core machine that took 0.03 cores more than 5 ms did
    /// on an idle silo and cut the median write-to-subscriber latency by about 2 ms.
    /// </summary>
    private static void AddChangeStreams(this ISiloBuilder silo)
    {
        silo.AddMemoryStreams(ChangeStreams.Provider, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePartitioning(2);
            streams.ConfigurePullingAgent(agent => agent.Configure(
                options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(1)));
        });
    }
}
