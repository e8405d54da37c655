using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Changes;

/// <summary>
/// One silo and the api with a short change-log retention, reconcile interval and heartbeat, so that
/// trimming, recovery, audit backlogs and heartbeats show within a test's time.
/// </summary>
public sealed class WatchClusterFixture : IAsyncLifetime
{
    public const int Retention = 100;

    private ProcessCluster? _cluster;

    public ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public static Dictionary<string, string> Settings => new()
    {
        ["OrleansConfig__Store__ChangeLogRetention"] =
            Retention.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OrleansConfig__Store__ReconcileInterval"] = "00:00:01",
        ["OrleansConfig__Watch__HeartbeatInterval"] = "00:00:00.300",
    };

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 1, Settings);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public async Task<ApiScope> CreateScopeAsync()
    {
        var http = Cluster.Http;
        var scope = new ApiScope(http, TestServices.NewNamespace(), "prod");
        using var createNamespace = await http.PutAsync($"/v1/namespaces/{scope.Namespace}", null);
        await HttpAssert.StatusAsync(createNamespace, System.Net.HttpStatusCode.Created);
        using var createEnvironment = await http.PutAsync(scope.EnvironmentPath, null);
        await HttpAssert.StatusAsync(createEnvironment, System.Net.HttpStatusCode.Created);

        return scope;
    }

    /// <summary>Returns a client of the api that authenticates with <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Cluster.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        return client;
    }

    public Task<SseRecorder> WatchAsync(ApiScope scope, string query = "", string? lastEventId = null) =>
        SseRecorder.StartAsync(Cluster.ApiAddress, Cluster.AdminKey, scope.EnvironmentPath + "/watch" + query,
            lastEventId);
}
