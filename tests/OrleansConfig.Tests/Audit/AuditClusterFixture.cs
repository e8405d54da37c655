using System.Net.Http.Headers;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Changes;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Audit;

/// <summary>One silo and the api, reconciling every second, for the audit api tests.</summary>
public sealed class AuditClusterFixture : IAsyncLifetime
{
    private ProcessCluster? _cluster;

    public ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 1, WatchClusterFixture.Settings);

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
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        return client;
    }
}
