using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansConfig.Client;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Client;

/// <summary>
/// The provider against the api and silo processes on the real PostgreSQL and Redis: live changes,
/// deletions, a dropped connection and a start while the api is unreachable.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class RealApiTests(ApiClusterFixture fixture) : IAsyncLifetime
{
    /// <summary>Event id of the provider's log entry for each applied change.</summary>
    private const int ChangeAppliedEventId = 4005;

    private readonly string _cachePath = ClientOptionsFactory.NewCachePath();
    private ApiScope _scope = null!;

    public async Task InitializeAsync() => _scope = await fixture.CreateScopeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OptionsMonitor_SeesValueAfterPut()
    {
        await _scope.WriteAsync("Features:MaxItems", "10");
        await _scope.WriteAsync("Features:Checkout", "true");
        using var configuration = Build(fixture.Cluster.ApiAddress);
        await using var services = new ServiceCollection()
            .Configure<FeatureSettings>(configuration.GetSection("Features"))
            .BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<FeatureSettings>>();
        var changed = new TaskCompletionSource<FeatureSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = monitor.OnChange(settings =>
        {
            if (settings.MaxItems == 50)
            {
                changed.TrySetResult(settings);
            }
        });
        var before = monitor.CurrentValue.MaxItems;

        await _scope.WriteAsync("Features:MaxItems", "50");
        var after = await changed.Task.WaitAsync(ConfigurationWaits.Timeout);

        Assert.Equal(10, before);
        Assert.Equal(50, after.MaxItems);
        Assert.True(after.Checkout);
        Assert.Equal(50, monitor.CurrentValue.MaxItems);
    }

    [Fact]
    public async Task DeletedKey_DisappearsFromConfiguration()
    {
        await _scope.WriteAsync("Db", "{\"Host\": \"db\", \"Ports\": [5432, 5433]}");
        await _scope.WriteAsync("Keep", "\"kept\"");
        using var configuration = Build(fixture.Cluster.ApiAddress);
        Assert.Equal("5433", configuration["Db:Ports:1"]);

        using var response = await _scope.DeleteAsync("Db");
        await HttpAssert.StatusAsync(response, System.Net.HttpStatusCode.OK);

        await ConfigurationWaits.AbsentAsync(configuration, "Db");
        Assert.Null(configuration["Db:Host"]);
        Assert.Equal("kept", configuration["Keep"]);
    }

    [Fact]
    public async Task DroppedConnection_ResumesEachChangeOnce()
    {
        await _scope.WriteAsync("A", "1");
        await using var relay = new TcpRelay(fixture.Cluster.ApiAddress.Port);
        relay.Start();
        var log = new RecordingLoggerFactory(ChangeAppliedEventId);
        using var configuration = Build(relay.Address, options => options.LoggerFactory = log);
        await ConfigurationWaits.UntilAsync(configuration, c => c.GetOrleansConfigStatus()!.Connected, "a connection");

        relay.Stop();
        await _scope.WriteAsync("A", "2");
        await _scope.WriteAsync("B", "\"b\"");
        await _scope.WriteAsync("A", "3");
        await ConfigurationWaits.UntilAsync(
            configuration, c => !c.GetOrleansConfigStatus()!.Connected, "a lost connection");
        relay.Start();

        await ConfigurationWaits.ValueAsync(configuration, "A", "3");
        var revisions = log.Events.Select(e => Convert.ToInt64(e["Revision"], CultureInfo.InvariantCulture));
        Assert.Equal([2L, 3L, 4L], revisions.Order());
        Assert.Equal("b", configuration["B"]);
        Assert.Equal(4, configuration.GetOrleansConfigStatus()!.Revision);
    }

    [Fact]
    public async Task UnreachableApi_StartsFromCacheThenCatchesUp()
    {
        await _scope.WriteAsync("Message", "\"from the first run\"");
        await using var relay = new TcpRelay(fixture.Cluster.ApiAddress.Port);
        relay.Start();
        using (var first = Build(relay.Address))
        {
            Assert.Equal("from the first run", first["Message"]);
        }

        relay.Stop();
        using var configuration = Build(relay.Address, options => options.StartupTimeout = TimeSpan.FromSeconds(1));
        var started = configuration.GetOrleansConfigStatus()!;
        var cachedValue = configuration["Message"];
        await _scope.WriteAsync("Message", "\"written while unreachable\"");
        relay.Start();

        Assert.Equal(SnapshotSource.Cache, started.Source);
        Assert.Equal(1, started.Revision);
        Assert.Equal("from the first run", cachedValue);
        await ConfigurationWaits.ValueAsync(configuration, "Message", "written while unreachable");
        await ConfigurationWaits.UntilAsync(configuration,
            c => c.GetOrleansConfigStatus()!.Source == SnapshotSource.Platform, "the platform as source");
        Assert.Equal(2, configuration.GetOrleansConfigStatus()!.Revision);
    }

    [Fact]
    public async Task OrleansTransport_ReceivesChange()
    {
        await _scope.WriteAsync("Features:MaxItems", "10");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddOrleansConfig(options =>
            {
                options.Transport = OrleansConfigTransport.Orleans;
                options.Namespace = _scope.Namespace;
                options.Environment = _scope.Environment;
                options.Cluster.RedisConnectionString = Infrastructure.TestServices.Redis;
                options.Cluster.ClusterId = fixture.Cluster.ServiceId;
                options.Cluster.ServiceId = fixture.Cluster.ServiceId;
                options.CachePath = _cachePath;
                options.StartupTimeout = TimeSpan.FromSeconds(30);
            })
            .Build();
        Assert.Equal("10", configuration["Features:MaxItems"]);

        await _scope.WriteAsync("Features:MaxItems", "50");

        await ConfigurationWaits.ValueAsync(configuration, "Features:MaxItems", "50");
        var status = configuration.GetOrleansConfigStatus()!;
        Assert.Equal(OrleansConfigTransport.Orleans, status.Transport);
        Assert.Equal(2, status.Revision);
        Assert.True(status.Connected);
    }

    private ConfigurationRoot Build(Uri address, Action<OrleansConfigOptions>? more = null) =>
        (ConfigurationRoot)new ConfigurationBuilder()
            .AddOrleansConfig(ClientOptionsFactory.Http(
                address, fixture.Cluster.AdminKey, _scope.Namespace, _scope.Environment, _cachePath, more))
            .Build();

    public sealed class FeatureSettings
    {
        public int MaxItems { get; set; }

        public bool Checkout { get; set; }
    }
}
