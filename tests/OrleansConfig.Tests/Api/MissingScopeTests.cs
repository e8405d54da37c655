using System.Net;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Api;

/// <summary>Requests under a missing namespace or environment: the 404 names the missing one.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class MissingScopeTests(ApiClusterFixture fixture)
{
    public static TheoryData<string> Operations =>
        ["GET key", "PUT key", "DELETE key", "POST rollback", "GET versions", "GET snapshot"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task MissingNamespace_NotFoundNamesNamespace(string operation)
    {
        var scope = new ApiScope(fixture.Http, TestServices.NewNamespace(), "prod");

        using var response = await SendAsync(scope, operation);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains($"The namespace '{scope.Namespace}' does not exist", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task MissingEnvironment_NotFoundNamesEnvironment(string operation)
    {
        var existing = await fixture.CreateScopeAsync();
        var scope = new ApiScope(fixture.Http, existing.Namespace, "absent");

        using var response = await SendAsync(scope, operation);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("The environment 'absent'", detail, StringComparison.Ordinal);
        Assert.Contains("does not exist", detail, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(ApiScope scope, string operation) => operation switch
    {
        "GET key" => scope.GetAsync(scope.KeyPath("Db:Host")),
        "PUT key" => scope.PutAsync("Db:Host", "1"),
        "DELETE key" => scope.DeleteAsync("Db:Host"),
        "POST rollback" => scope.RollbackAsync("Db:Host", 1),
        "GET versions" => scope.GetAsync(scope.KeyPath("Db:Host") + "/versions"),
        "GET snapshot" => scope.GetAsync(scope.SnapshotPath),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "No such operation."),
    };
}
