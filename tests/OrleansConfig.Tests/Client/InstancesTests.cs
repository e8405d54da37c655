using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OrleansConfig.Client;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Client;

/// <summary>
/// Instances seen through their heartbeats, with two real clients against the api and silo processes. One client
/// is held back behind a relay that drops its connection: the instance list shows it behind while the other is
/// current, and current again once it reconnects. A heartbeat whose hash differs shows as diverged.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class InstancesTests(ApiClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private ApiScope _scope = null!;

    public async Task InitializeAsync() => _scope = await fixture.CreateScopeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HeldBackInstance_ShowsBehindThenConverges()
    {
        await _scope.WriteAsync("Mode", "\"blue\"");
        await using var relay = new TcpRelay(fixture.Cluster.ApiAddress.Port);
        relay.Start();
        using var steady = Build(fixture.Cluster.ApiAddress, "steady");
        using var held = Build(relay.Address, "held");
        await WaitForStatesAsync(("steady", "current", 1), ("held", "current", 1));

        relay.Stop();
        await ConfigurationWaits.UntilAsync(held, c => !c.GetOrleansConfigStatus()!.Connected, "a lost connection");
        await _scope.WriteAsync("Mode", "\"green\"");
        await ConfigurationWaits.ValueAsync(steady, "Mode", "green");
        var split = await WaitForStatesAsync(("steady", "current", 2), ("held", "behind", 1));
        relay.Start();
        await ConfigurationWaits.ValueAsync(held, "Mode", "green");
        var converged = await WaitForStatesAsync(("steady", "current", 2), ("held", "current", 2));

        Assert.Equal(2, split.GetProperty("revision").GetInt64());
        Assert.Equal(1, Instance(split, "held").GetProperty("revisionsBehind").GetInt64());
        Assert.Equal(1, split.GetProperty("summary").GetProperty("behind").GetInt32());
        var steadyInstance = Instance(converged, "steady");
        Assert.Equal(steadyInstance.GetProperty("expectedHash").GetString(),
            steadyInstance.GetProperty("configHash").GetString());
        Assert.Equal("platform", steadyInstance.GetProperty("source").GetString());
        Assert.Equal(2, converged.GetProperty("summary").GetProperty("current").GetInt32());
    }

    [Fact]
    public async Task CrLfValueOverWatch_StaysCurrent()
    {
        await _scope.WriteAsync("Limits", "{\"max\": 1}");
        using var client = Build(fixture.Cluster.ApiAddress, "crlf");
        await WaitForStatesAsync(("crlf", "current", 1));

        await _scope.WriteAsync("Limits", "{\r\n  \"max\": 2\r\n}");
        await ConfigurationWaits.ValueAsync(client, "Limits:max", "2");
        var view = await WaitForStatesAsync(("crlf", "current", 2));

        var instance = Instance(view, "crlf");
        Assert.Equal(instance.GetProperty("expectedHash").GetString(), instance.GetProperty("configHash").GetString());
    }

    [Fact]
    public async Task WrongHash_ShowsDiverged()
    {
        await _scope.WriteAsync("Mode", "\"blue\"");

        using var heartbeat = await _scope.SendAsync(HttpMethod.Post,
            _scope.EnvironmentPath + "/instances/edited-by-hand/heartbeat",
            """{"revision": 1, "configHash": "sha256:0000", "application": "tests"}""");
        await HttpAssert.StatusAsync(heartbeat, HttpStatusCode.NoContent);
        var view = await ListAsync();

        var instance = Instance(view, "edited-by-hand");
        Assert.Equal("diverged", instance.GetProperty("state").GetString());
        Assert.StartsWith("sha256:", instance.GetProperty("expectedHash").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_WithoutRevisionIsBadRequest()
    {
        using var response = await _scope.SendAsync(HttpMethod.Post,
            _scope.EnvironmentPath + "/instances/some-instance/heartbeat", """{"configHash": "sha256:0"}""");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private ConfigurationRoot Build(Uri address, string instanceId) =>
        (ConfigurationRoot)new ConfigurationBuilder()
            .AddOrleansConfig(ClientOptionsFactory.Http(address, fixture.Cluster.AdminKey, _scope.Namespace,
                _scope.Environment, ClientOptionsFactory.NewCachePath(), options =>
                {
                    options.InstanceId = instanceId;
                    options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                }))
            .Build();

    /// <summary>Waits until each named instance shows the state and revision given, and returns that list.</summary>
    private async Task<JsonElement> WaitForStatesAsync(params (string Id, string State, long Revision)[] expected)
    {
        var view = default(JsonElement);
        await ClusterHttp.WaitForAsync(async () =>
        {
            view = await ListAsync();
            var instances = view.GetProperty("instances").EnumerateArray()
                .ToDictionary(i => i.GetProperty("instanceId").GetString()!);

            return expected.All(e => instances.TryGetValue(e.Id, out var i)
                && i.GetProperty("state").GetString() == e.State && i.GetProperty("revision").GetInt64() == e.Revision);
        }, Wait, $"instances {string.Join(", ", expected)}");

        return view;
    }

    private async Task<JsonElement> ListAsync()
    {
        using var response = await _scope.GetAsync(_scope.EnvironmentPath + "/instances");

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private static JsonElement Instance(JsonElement view, string id) => view.GetProperty("instances")
        .EnumerateArray().Single(i => i.GetProperty("instanceId").GetString() == id);
}
