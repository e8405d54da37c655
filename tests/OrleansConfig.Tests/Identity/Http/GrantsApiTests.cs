using System.Net;
using System.Net.Http.Json;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Identity.Http.IdentityHttp;

namespace OrleansConfig.Tests.Identity.Http;

public sealed class GrantsApiTests(IdentityApiHost host) : IClassFixture<IdentityApiHost>
{
    private readonly string _ns = TestServices.NewNamespace();

    [Fact]
    public async Task PutNamespaceGrant_AddsRole()
    {
        var (id, key) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, "prod"));

        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/grants/{id}", "operator");
        var me = await ReadAsync(await host.Client(key).GetAsync("/v1/me"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"operator:{_ns}/*", $"viewer:{_ns}/prod"], Grants(me));
    }

    [Fact]
    public async Task PutSameScope_ReplacesRole()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, "prod"));

        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/environments/prod/grants/{id}", "admin");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"admin:{_ns}/prod"], Grants(body));
    }

    [Fact]
    public async Task PutGlobalGrant_ByGlobalAdmin_Succeeds()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey));

        using var response = await Put(host.AdminKey, $"/v1/grants/{id}", "viewer");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["viewer:*/*"], Grants(body));
    }

    [Fact]
    public async Task PutGlobalGrant_NamespaceAdmin_Returns403()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (id, _) = await CreateKeyAsync(admin, ("viewer", _ns, null));

        using var response = await Put(nsAdmin, $"/v1/grants/{id}", "viewer");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PutOwnNamespace_NamespaceAdmin_Succeeds()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (id, _) = await CreateKeyAsync(admin);

        using var response = await Put(nsAdmin, $"/v1/namespaces/{_ns}/environments/dev/grants/{id}", "operator");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutServiceToken_Returns409()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey),
            new { name = "web", kind = "serviceToken", @namespace = _ns, environment = "prod" });

        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/grants/{id}", "viewer");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task PutRevokedKey_Returns404()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, null));
        (await host.Client(host.AdminKey).DeleteAsync($"/v1/keys/{id}")).EnsureSuccessStatusCode();

        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/grants/{id}", "operator");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PutUnknownKey_Returns404()
    {
        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/grants/aaaaaaaaaaaaaaaa", "viewer");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("Admin")]
    [InlineData(null)]
    public async Task PutUnknownRole_Returns400(string? role)
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey));

        using var response = await Put(host.AdminKey, $"/v1/namespaces/{_ns}/grants/{id}", role);
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("viewer, operator, admin or auditor", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutInvalidNamespace_Returns400()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey));

        using var response = await Put(host.AdminKey, $"/v1/namespaces/Shop/grants/{id}", "viewer");
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'Shop'", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RemovesOnlyThatScope()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, null), ("operator", _ns, "dev"));

        using var response = await host.Client(host.AdminKey).DeleteAsync($"/v1/namespaces/{_ns}/grants/{id}");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"operator:{_ns}/dev"], Grants(body));
    }

    [Fact]
    public async Task DeleteMissingGrant_Returns404()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, "dev"));

        using var response = await host.Client(host.AdminKey).DeleteAsync($"/v1/grants/{id}");
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("all namespaces", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_ServiceToken_ShowsKind()
    {
        var (_, token) = await CreateKeyAsync(host.Client(host.AdminKey),
            new { name = "web", kind = "serviceToken", @namespace = _ns, environment = "prod" });

        var me = await ReadAsync(await host.Client(token).GetAsync("/v1/me"));

        Assert.Equal("serviceToken", me.GetProperty("kind").GetString());
        Assert.Equal("web", me.GetProperty("name").GetString());
    }

    private Task<HttpResponseMessage> Put(string callerKey, string path, string? role) =>
        host.Client(callerKey).PutAsJsonAsync(path, new { role });
}
