using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// One silo process and the api process, shared by the HTTP contract tests because starting them takes
/// seconds. Tests isolate themselves by working in a fresh namespace each.
/// </summary>
public sealed class ApiClusterFixture : IAsyncLifetime
{
    public const string EnvironmentName = "prod";

    private ProcessCluster? _cluster;

    public ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public HttpClient Http => Cluster.Http;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 1);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates a fresh namespace with one environment, <see cref="EnvironmentName"/>.</summary>
    public async Task<ApiScope> CreateScopeAsync()
    {
        var scope = new ApiScope(Http, TestServices.NewNamespace(), EnvironmentName);
        using var createNamespace = await Http.PutAsync($"/v1/namespaces/{scope.Namespace}", null);
        await HttpAssert.StatusAsync(createNamespace, System.Net.HttpStatusCode.Created);
        using var createEnvironment = await Http.PutAsync(scope.EnvironmentPath, null);
        await HttpAssert.StatusAsync(createEnvironment, System.Net.HttpStatusCode.Created);

        return scope;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiClusterCollection : ICollectionFixture<ApiClusterFixture>
{
    public const string Name = "api process cluster";
}
