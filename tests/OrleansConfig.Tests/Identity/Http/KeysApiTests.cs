using System.Net;
using System.Net.Http.Json;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Identity.Http.IdentityHttp;

namespace OrleansConfig.Tests.Identity.Http;

public sealed class KeysApiTests(IdentityApiHost host) : IClassFixture<IdentityApiHost>
{
    private readonly string _ns = TestServices.NewNamespace();

    [Fact]
    public async Task Create_ReturnsKeyOnlyOnce()
    {
        var admin = host.Client(host.AdminKey);
        var (id, key) = await CreateKeyAsync(admin, ("viewer", _ns, null));

        using var response = await admin.GetAsync($"/v1/keys/{id}");
        var body = await ReadAsync(response);
        var text = body.GetRawText();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"oc_{id}_", key, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("key", out _));
        Assert.DoesNotContain(key[20..], text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("active", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Create_NewKeyAuthenticates()
    {
        var (id, key) = await CreateKeyAsync(host.Client(host.AdminKey), ("operator", _ns, "prod"));

        using var response = await host.Client(key).GetAsync("/v1/me");
        var me = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, me.GetProperty("id").GetString());
        Assert.Equal("apiKey", me.GetProperty("kind").GetString());
        Assert.Equal([$"operator:{_ns}/prod"], Grants(me));
    }

    [Fact]
    public async Task Create_RecordsCallerAsCreator()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey), ("viewer", _ns, null));

        var body = await ReadAsync(await host.Client(host.AdminKey).GetAsync($"/v1/keys/{id}"));

        Assert.StartsWith("admin (key ", body.GetProperty("createdBy").GetString(), StringComparison.Ordinal);
        Assert.Equal("admin", body.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task ServiceToken_DefaultsToViewer()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey),
            new { name = "web", kind = "serviceToken", @namespace = _ns, environment = "prod" });

        var body = await ReadAsync(await host.Client(host.AdminKey).GetAsync($"/v1/keys/{id}"));

        Assert.Equal("serviceToken", body.GetProperty("kind").GetString());
        Assert.Equal([$"viewer:{_ns}/prod"], Grants(body));
    }

    [Fact]
    public async Task ServiceToken_OperatorRoleIsKept()
    {
        var (id, _) = await CreateKeyAsync(host.Client(host.AdminKey),
            new { name = "job", kind = "serviceToken", @namespace = _ns, environment = "dev", role = "operator" });

        var body = await ReadAsync(await host.Client(host.AdminKey).GetAsync($"/v1/keys/{id}"));

        Assert.Equal([$"operator:{_ns}/dev"], Grants(body));
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        {
            """{"name": "t", "kind": "serviceToken", "namespace": "shop", "environment": "prod", "role": "admin"}""",
            "cannot be an admin"
        },
        { """{"name": "t", "kind": "serviceToken", "namespace": "shop"}""", "needs a namespace and an environment" },
        { """{"name": "t", "kind": "robot"}""", "'robot'" },
        { """{"name": ""}""", "name is empty" },
        { $$"""{"name": "{{new string('n', 101)}}"}""", "maximum is 100" },
        { """{"name": "t", "expiresAt": "2001-01-01T00:00:00Z"}""", "not in the future" },
        { """{"name": "t", "grants": [{"role": "owner"}]}""", "'owner'" },
        { """{"name": "t", "grants": [{"role": "viewer", "namespace": "Shop"}]}""", "'Shop'" },
        { """{"name": "t", "grants": [{"role": "viewer", "environment": "prod"}]}""", "without a namespace" },
        { """{"name": "t", "grants": [{"role": "viewer"}, {"role": "admin"}]}""", "one role per scope" },
        { """{"name": "t", "namespace": "shop"}""", "apply to service tokens" },
        { """{"name": """, "not valid JSON" },
        { """{"name": "a", "name": "b"}""", "duplicate member 'name' in the object at $;" },
        { "", "The body is empty." },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_InvalidBody_Returns400(string json, string expected)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await host.Client(host.AdminKey).PostAsync("/v1/keys", content);
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutKey_Returns401()
    {
        using var response = await host.Client(null).PostAsJsonAsync("/v1/keys", new { name = "t" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task NamespaceAdmin_GlobalGrant_Returns403()
    {
        var (_, nsAdmin) = await CreateKeyAsync(host.Client(host.AdminKey), ("admin", _ns, null));

        using var response = await host.Client(nsAdmin).PostAsJsonAsync("/v1/keys",
            new { name = "t", grants = new[] { new { role = "viewer" } } });
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Viewer of all namespaces", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceAdmin_OtherNamespace_Returns403()
    {
        var (_, nsAdmin) = await CreateKeyAsync(host.Client(host.AdminKey), ("admin", _ns, null));

        using var response = await host.Client(nsAdmin).PostAsJsonAsync("/v1/keys",
            new { name = "t", grants = new[] { new { role = "viewer", @namespace = "elsewhere" } } });
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Viewer of elsewhere", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceAdmin_OwnEnvironment_Returns201()
    {
        var (_, nsAdmin) = await CreateKeyAsync(host.Client(host.AdminKey), ("admin", _ns, null));

        var (id, _) = await CreateKeyAsync(host.Client(nsAdmin), ("operator", _ns, "prod"));

        Assert.Equal(16, id.Length);
    }

    [Fact]
    public async Task Operator_CreateKey_Returns403()
    {
        var (_, operatorKey) = await CreateKeyAsync(host.Client(host.AdminKey), ("operator", null, null));

        using var response = await host.Client(operatorKey).PostAsJsonAsync("/v1/keys", new { name = "t" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
