using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansConfig.Tests.Security;

/// <summary>Namespace and environment lists show only what the caller's grants reach.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class CallerScopedListTests(SecuredApiFixture fixture)
{
    [Fact]
    public async Task NamespaceList_ForViewer_ShowsOwnNamespace()
    {
        var names = await ListNamespacesAsync(fixture.Viewer);

        Assert.Equal(new[] { "alpha" }, names);
    }

    [Fact]
    public async Task NamespaceList_ForServiceToken_ShowsOwnNamespace()
    {
        var names = await ListNamespacesAsync(fixture.ServiceToken);

        Assert.Equal(new[] { "alpha" }, names);
    }

    [Fact]
    public async Task NamespaceList_ForAdmin_ShowsAll()
    {
        var names = await ListNamespacesAsync(fixture.Admin);

        Assert.Equal(new[] { "alpha", "beta" }, names);
    }

    [Fact]
    public async Task NamespaceList_WithoutGrants_IsEmpty()
    {
        var names = await ListNamespacesAsync(await fixture.AddKeyAsync("no-grants"));

        Assert.Empty(names);
    }

    [Fact]
    public async Task ServiceToken_ListsOwnEnvironment()
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);

        var body = await client.GetFromJsonAsync<JsonElement>("/v1/namespaces/alpha/environments");
        var environments = body.GetProperty("environments").EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Equal(new[] { "prod" }, environments);
    }

    [Fact]
    public async Task EnvironmentList_ForViewer_ShowsAll()
    {
        using var client = fixture.Host.CreateClient(fixture.Viewer);

        var body = await client.GetFromJsonAsync<JsonElement>("/v1/namespaces/alpha/environments");
        var environments = body.GetProperty("environments").EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Contains("prod", environments);
        Assert.Contains("dev", environments);
    }

    [Fact]
    public async Task NamespaceList_ForToken_HidesOtherEnvironments()
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);
        var body = await client.GetFromJsonAsync<JsonElement>("/v1/namespaces");

        var alpha = Assert.Single(body.GetProperty("namespaces").EnumerateArray());
        var environments = alpha.GetProperty("environments").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(new[] { "prod" }, environments);
        Assert.False(alpha.TryGetProperty("createdBy", out _));
    }

    private async Task<string[]> ListNamespacesAsync(string token)
    {
        using var client = fixture.Host.CreateClient(token);
        var body = await client.GetFromJsonAsync<JsonElement>("/v1/namespaces");

        return body.GetProperty("namespaces").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
