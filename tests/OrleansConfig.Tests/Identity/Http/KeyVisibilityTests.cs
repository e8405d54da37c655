using System.Net;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Identity.Http.IdentityHttp;

namespace OrleansConfig.Tests.Identity.Http;

/// <summary>Which keys <c>GET /v1/keys</c> lists and who may read and revoke them.</summary>
public sealed class KeyVisibilityTests(IdentityApiHost host) : IClassFixture<IdentityApiHost>
{
    private readonly string _ns = TestServices.NewNamespace();
    private readonly string _otherNs = TestServices.NewNamespace();

    [Fact]
    public async Task List_NamespaceAdmin_SeesOwnScope()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (inside, _) = await CreateKeyAsync(admin, ("viewer", _ns, "prod"));
        var (outside, _) = await CreateKeyAsync(admin, ("viewer", _otherNs, null));
        var (own, _) = await CreateKeyAsync(host.Client(nsAdmin), ("operator", _ns, null));

        var ids = await ListIdsAsync(nsAdmin);

        Assert.Contains(inside, ids);
        Assert.Contains(own, ids);
        Assert.DoesNotContain(outside, ids);
    }

    [Fact]
    public async Task List_GlobalAdmin_SeesEveryKey()
    {
        var (_, nsAdmin) = await CreateKeyAsync(host.Client(host.AdminKey), ("admin", _ns, null));
        var (created, _) = await CreateKeyAsync(host.Client(nsAdmin), ("viewer", _ns, null));

        var ids = await ListIdsAsync(host.AdminKey);

        Assert.Contains(created, ids);
    }

    [Fact]
    public async Task Get_KeyOutsideScope_Returns404()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (outside, _) = await CreateKeyAsync(admin, ("viewer", _otherNs, null));

        using var response = await host.Client(nsAdmin).GetAsync($"/v1/keys/{outside}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_OwnKey_ReturnsIt()
    {
        var (id, key) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, null));

        using var response = await host.Client(key).GetAsync($"/v1/keys/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("not-a-key-id")]
    public async Task Revoke_UnknownId_Returns404(string id)
    {
        using var response = await host.Client(host.AdminKey).DeleteAsync($"/v1/keys/{id}");
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ByCreator_DisablesKey()
    {
        var (_, nsAdmin) = await CreateKeyAsync(host.Client(host.AdminKey), ("admin", _ns, null));
        var (id, key) = await CreateKeyAsync(host.Client(nsAdmin), ("viewer", _ns, null));

        using var revoke = await host.Client(nsAdmin).DeleteAsync($"/v1/keys/{id}");
        var body = await ReadAsync(revoke);
        using var after = await host.Client(key).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revoke_PartialScopeAdmin_Returns403()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (id, key) = await CreateKeyAsync(admin, ("viewer", _ns, null), ("viewer", _otherNs, null));

        using var response = await host.Client(nsAdmin).DeleteAsync($"/v1/keys/{id}");
        using var still = await host.Client(key).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Revoke_CoveringAdmin_Succeeds()
    {
        var admin = host.Client(host.AdminKey);
        var (_, nsAdmin) = await CreateKeyAsync(admin, ("admin", _ns, null));
        var (id, _) = await CreateKeyAsync(admin, ("viewer", _ns, "prod"), ("operator", _ns, "dev"));

        using var response = await host.Client(nsAdmin).DeleteAsync($"/v1/keys/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string[]> ListIdsAsync(string key)
    {
        using var response = await host.Client(key).GetAsync("/v1/keys");
        var body = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        return body.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("id").GetString()!).ToArray();
    }
}
