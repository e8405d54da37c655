using System.Net;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Api;

/// <summary>Namespaces and environments: creation, listing and the 404s and 400s around them.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class NamespacesApiTests(ApiClusterFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task PutNamespace_CreatesThenReturnsExisting()
    {
        var ns = TestServices.NewNamespace();

        using var first = await Http.PutAsync($"/v1/namespaces/{ns}", null);
        var created = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        using var second = await Http.PutAsync($"/v1/namespaces/{ns}", null);
        var existing = await HttpAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal($"/v1/namespaces/{ns}", first.Headers.Location?.OriginalString);
        Assert.Equal(ns, created.GetProperty("name").GetString());
        Assert.Equal(ns, existing.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), existing.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task PutEnvironment_CreatesThenReturnsExisting()
    {
        var ns = TestServices.NewNamespace();
        using var createNamespace = await Http.PutAsync($"/v1/namespaces/{ns}", null);
        await HttpAssert.StatusAsync(createNamespace, HttpStatusCode.Created);

        using var first = await Http.PutAsync($"/v1/namespaces/{ns}/environments/staging", null);
        var created = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        using var second = await Http.PutAsync($"/v1/namespaces/{ns}/environments/staging", null);
        var existing = await HttpAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal($"/v1/namespaces/{ns}/environments/staging", first.Headers.Location?.OriginalString);
        Assert.Equal("staging", created.GetProperty("name").GetString());
        Assert.Equal(0, created.GetProperty("revision").GetInt64());
        Assert.Equal(created.GetProperty("createdAt").GetString(), existing.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task ListNamespaces_ContainsNewNamespace()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await Http.GetAsync("/v1/namespaces");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var listed = body.GetProperty("namespaces").EnumerateArray()
            .Where(n => n.GetProperty("name").GetString() == scope.Namespace)
            .ToArray();
        var entry = Assert.Single(listed);
        var environments = entry.GetProperty("environments").EnumerateArray().Select(e => e.GetString());
        Assert.Equal([scope.Environment], environments);
    }

    [Fact]
    public async Task ListEnvironments_ContainsEachEnvironment()
    {
        var scope = await fixture.CreateScopeAsync();
        using var createDev = await Http.PutAsync($"/v1/namespaces/{scope.Namespace}/environments/dev", null);
        await HttpAssert.StatusAsync(createDev, HttpStatusCode.Created);

        using var response = await Http.GetAsync($"/v1/namespaces/{scope.Namespace}/environments");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var names = body.GetProperty("environments").EnumerateArray().Select(e => e.GetString()).Order();
        Assert.Equal(["dev", scope.Environment], names);
    }

    [Fact]
    public async Task PutEnvironment_MissingNamespaceIsNotFound()
    {
        var ns = TestServices.NewNamespace();

        using var response = await Http.PutAsync($"/v1/namespaces/{ns}/environments/dev", null);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains($"The namespace '{ns}' does not exist", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("a%2Fb")]
    [InlineData("-leading-dash")]
    [InlineData("name.with.dots")]
    public async Task PutNamespace_InvalidNameIsBadRequest(string name)
    {
        using var response = await Http.PutAsync($"/v1/namespaces/{name}", null);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("namespace name", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("a%2Fb")]
    [InlineData("-leading-dash")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task PutEnvironment_InvalidNameIsBadRequest(string name)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await Http.PutAsync($"/v1/namespaces/{scope.Namespace}/environments/{name}", null);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("environment name", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutNamespace_NameLengthLimitIs63()
    {
        var ns = TestServices.NewNamespace();
        var longest = ns + new string('x', 63 - ns.Length);

        using var accepted = await Http.PutAsync($"/v1/namespaces/{longest}", null);
        using var rejected = await Http.PutAsync($"/v1/namespaces/{longest}x", null);
        var detail = await HttpAssert.ProblemAsync(rejected, HttpStatusCode.BadRequest);

        await HttpAssert.StatusAsync(accepted, HttpStatusCode.Created);
        Assert.Contains("64 characters long", detail, StringComparison.Ordinal);
    }
}
