using Microsoft.Extensions.Configuration;
using OrleansConfig.Client;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Client;

/// <summary>
/// The HTTP transport against a server that follows the api's protocol and can be made silent, forgetful
/// or strict on demand.
/// </summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private const string Key = "oc_testkey";

    private readonly string _cachePath = ClientOptionsFactory.NewCachePath();
    private FakeConfigServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeConfigServer.StartAsync(Key);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Start_LoadsSnapshotFromPlatform()
    {
        _server.Put("Db:Host", "\"db\"");
        _server.Put("Features", "{\"Checkout\": true, \"MaxItems\": 10}");

        using var configuration = Build();
        var status = configuration.GetOrleansConfigStatus();

        Assert.Equal("db", configuration["Db:Host"]);
        Assert.Equal("True", configuration["Features:Checkout"]);
        Assert.Equal("10", configuration["Features:MaxItems"]);
        Assert.NotNull(status);
        Assert.Equal(2, status.Revision);
        Assert.Equal(SnapshotSource.Platform, status.Source);
    }

    [Fact]
    public async Task Watch_AppliesChangeAndDeletion()
    {
        _server.Put("Features:MaxItems", "10");
        _server.Put("Old", "\"gone soon\"");
        using var configuration = Build();

        _server.Put("Features:MaxItems", "50");
        _server.Delete("Old");

        await ConfigurationWaits.AbsentAsync(configuration, "Old");
        Assert.Equal("50", configuration["Features:MaxItems"]);
        Assert.Equal(4, configuration.GetOrleansConfigStatus()!.Revision);
        Assert.True(configuration.GetOrleansConfigStatus()!.Connected);
    }

    [Fact]
    public async Task Watch_FailingListenerStopsNothing()
    {
        _server.Put("Limit", "1");
        using var configuration = Build();
        var failures = 0;
        using var listener = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            if (configuration["Limit"] == "2")
            {
                // As options binding does on a value it cannot convert.
                failures++;
                throw new InvalidOperationException("Failed to convert configuration value '2' at 'Limit'.");
            }
        });

        _server.Put("Limit", "2");
        await ConfigurationWaits.ValueAsync(configuration, "Limit", "2");
        _server.Put("Limit", "3");

        await ConfigurationWaits.ValueAsync(configuration, "Limit", "3");
        Assert.Equal(1, failures);
        Assert.Equal(3, configuration.GetOrleansConfigStatus()!.Revision);
        Assert.True(configuration.GetOrleansConfigStatus()!.Connected);
    }

    [Fact]
    public async Task Watch_SilentStreamIsReopened()
    {
        _server.Put("A", "1");
        using var configuration = await BuildConnectedAsync();

        await ChangeWhileSilentAsync(configuration, () => _server.Put("A", "2"));

        await ConfigurationWaits.ValueAsync(configuration, "A", "2");
        Assert.Contains("1", _server.LastEventIds.Skip(1));
        Assert.Equal(1, _server.SnapshotRequests);
    }

    [Fact]
    public async Task Watch_ResyncReloadsSnapshot()
    {
        _server.Put("A", "1");
        using var configuration = await BuildConnectedAsync();

        await ChangeWhileSilentAsync(configuration, () =>
        {
            _server.Put("A", "2");
            _server.Put("B", "3");
            _server.FirstRetained = 3;
        });

        await ConfigurationWaits.ValueAsync(configuration, "B", "3");
        Assert.Equal("2", configuration["A"]);
        Assert.Equal(2, _server.SnapshotRequests);
    }

    [Fact]
    public async Task Start_RejectedKeyIsReportedNotRetriedFast()
    {
        _server.ApiKey = "oc_otherkey";

        using var configuration = Build(options =>
        {
            options.Optional = true;
            options.ReconnectMaxDelay = TimeSpan.FromSeconds(30);
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var status = configuration.GetOrleansConfigStatus()!;

        Assert.Equal(SnapshotSource.None, status.Source);
        Assert.False(status.Connected);
        Assert.Contains("401", status.LastError);
        Assert.Contains("The API key is invalid or revoked.", status.LastError);
        Assert.Equal(1, _server.SnapshotRequests);
    }

    [Fact]
    public void Start_RejectedKeyWithoutCacheThrows()
    {
        _server.ApiKey = "oc_otherkey";

        var exception = Assert.Throws<OrleansConfigUnavailableException>(() => Build());

        Assert.Contains("401", exception.Message);
        Assert.Contains("No cache file exists", exception.Message);
        Assert.DoesNotContain(Key, exception.Message);
    }

    [Fact]
    public async Task Start_UsesCacheThenCatchesUp()
    {
        _server.Put("A", "\"cached\"");
        using (var first = Build())
        {
            Assert.Equal("cached", first["A"]);
        }

        var port = _server.Address.Port;
        await _server.DisposeAsync();
        using var configuration = Build(options => options.StartupTimeout = TimeSpan.FromSeconds(1));
        var cached = configuration.GetOrleansConfigStatus()!;
        var replacement = await FakeConfigServer.StartAsync(Key, port);
        _server = replacement;
        replacement.Put("A", "\"cached\"");
        replacement.Put("A", "\"live\"");

        Assert.Equal(SnapshotSource.Cache, cached.Source);
        Assert.Equal(1, cached.Revision);
        Assert.Equal("cached", configuration["A"]);
        await ConfigurationWaits.ValueAsync(configuration, "A", "live");
        Assert.Equal(SnapshotSource.Platform, configuration.GetOrleansConfigStatus()!.Source);
    }

    [Fact]
    public void Start_UnreachableWithoutCacheThrows()
    {
        var nowhere = new Uri($"http://127.0.0.1:{TestPorts.Next()}");

        var exception = Assert.Throws<OrleansConfigUnavailableException>(() => new ConfigurationBuilder()
            .AddOrleansConfig(ClientOptionsFactory.Http(nowhere, Key, FakeConfigServer.Namespace,
                FakeConfigServer.Environment, _cachePath, options => options.StartupTimeout = TimeSpan.FromSeconds(1)))
            .Build());

        Assert.Contains($"{FakeConfigServer.Namespace}/{FakeConfigServer.Environment}", exception.Message);
        Assert.Contains("No cache file exists", exception.Message);
    }

    [Fact]
    public void Start_UnreachableOptionalStartsEmpty()
    {
        var nowhere = new Uri($"http://127.0.0.1:{TestPorts.Next()}");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddOrleansConfig(ClientOptionsFactory.Http(nowhere, Key, FakeConfigServer.Namespace,
                FakeConfigServer.Environment, _cachePath, options =>
                {
                    options.StartupTimeout = TimeSpan.FromSeconds(1);
                    options.Optional = true;
                }))
            .Build();
        var status = configuration.GetOrleansConfigStatus()!;

        Assert.Empty(configuration.AsEnumerable());
        Assert.Equal(SnapshotSource.None, status.Source);
        Assert.Equal(-1, status.Revision);
        Assert.NotNull(status.LastError);
    }

    /// <summary>
    /// Builds a provider that counts a stream silent for 1 s as dead, and waits until it is connected.
    /// </summary>
    private async Task<ConfigurationRoot> BuildConnectedAsync()
    {
        var configuration = Build(options => options.IdleTimeout = TimeSpan.FromSeconds(1));
        await ConfigurationWaits.UntilAsync(
            configuration, c => c.GetOrleansConfigStatus()!.Connected, "a connection");

        return configuration;
    }

    /// <summary>
    /// Silences the server, makes <paramref name="changes"/>, waits until the provider gives up on the silent
    /// stream and opens another, then lets the server speak again.
    /// </summary>
    private async Task ChangeWhileSilentAsync(ConfigurationRoot configuration, Action changes)
    {
        _server.Silent = true;
        changes();
        await ConfigurationWaits.UntilAsync(
            configuration, _ => _server.WatchRequests >= 2, "a second watch request");
        _server.Silent = false;
    }

    private ConfigurationRoot Build(Action<OrleansConfigOptions>? more = null) =>
        (ConfigurationRoot)new ConfigurationBuilder()
            .AddOrleansConfig(ClientOptionsFactory.Http(_server.Address, Key, FakeConfigServer.Namespace,
                FakeConfigServer.Environment, _cachePath, more))
            .Build();
}
