using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Security;

namespace OrleansConfig.Tests.Secrets.Http;

/// <summary>
/// Who may reveal a secret: operators and admins in their scope, and grants that list the secret. Viewers,
/// auditors and service tokens without such a grant never may. Rolling back needs no right to read the
/// value. Callers are real keys in the key grains of an in-process api.
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class SecretAccessTests(SecuredApiFixture fixture) : IAsyncLifetime
{
    private const string Prod = "/v1/namespaces/alpha/environments/prod/secrets";
    private const string Dev = "/v1/namespaces/alpha/environments/dev/secrets";

    private string _viewer = "";
    private string _auditor = "";
    private string _restrictedOperator = "";
    private string _listedViewer = "";
    private string _listedToken = "";

    public async Task InitializeAsync()
    {
        _viewer = await fixture.AddKeyAsync("secret-viewer", new Grant(Role.Viewer, "alpha"));
        _auditor = await fixture.AddKeyAsync("secret-auditor", new Grant(Role.Auditor, "alpha"));
        _restrictedOperator = await fixture.AddKeyAsync("secret-operator-api-key",
            new Grant(Role.Operator, "alpha", Secrets: ["api-key"]));
        _listedViewer = await fixture.AddKeyAsync("secret-viewer-api-key",
            new Grant(Role.Viewer, "alpha", Secrets: ["api-key"]));
        _listedToken = await fixture.AddKeyAsync("secret-token-db", ApiKeyKind.ServiceToken, null,
            new Grant(Role.Viewer, "alpha", "prod", ["db-*"]));

        using var admin = fixture.Host.CreateClient(fixture.Admin);
        string[] paths = [$"{Prod}/db-password", $"{Prod}/db-replica", $"{Prod}/api-key", $"{Dev}/db-password"];
        foreach (var path in paths)
        {
            using var response = await admin.PutAsJsonAsync(path, new { value = "access-" + Guid.NewGuid() });
            Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Viewer_ReadsMetadataButNeverValue()
    {
        using var viewer = fixture.Host.CreateClient(_viewer);

        using var metadata = await viewer.GetAsync($"{Prod}/db-password");
        using var list = await viewer.GetAsync(Prod);
        using var reveal = await viewer.GetAsync($"{Prod}/db-password/value");
        using var old = await viewer.GetAsync($"{Prod}/db-password/value?version=1");

        await HttpAssert.StatusAsync(metadata, HttpStatusCode.OK);
        await HttpAssert.StatusAsync(list, HttpStatusCode.OK);
        Assert.Contains("RevealSecret permission on secret 'db-password'",
            await HttpAssert.ProblemAsync(reveal, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        await HttpAssert.StatusAsync(old, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("viewer")]
    [InlineData("service token")]
    public async Task NoValueForReadOnlyCallers(string caller)
    {
        var token = caller switch
        {
            "auditor" => _auditor,
            "viewer" => _viewer,
            _ => fixture.ServiceToken,
        };
        using var client = fixture.Host.CreateClient(token);

        foreach (var name in new[] { "db-password", "db-replica", "api-key" })
        {
            using var response = await client.GetAsync($"{Prod}/{name}/value");
            await HttpAssert.StatusAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task ServiceToken_RevealsOnlyGrantedSecrets()
    {
        using var token = fixture.Host.CreateClient(_listedToken);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, $"{Prod}/db-password/value"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, $"{Prod}/db-replica/value"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, $"{Prod}/api-key/value"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, $"{Dev}/db-password/value"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, $"{Prod}/db-password/rollback", "POST"));
    }

    [Fact]
    public async Task ListedGrant_RevealsOnlyItsSecrets()
    {
        using var viewer = fixture.Host.CreateClient(_listedViewer);
        using var restricted = fixture.Host.CreateClient(_restrictedOperator);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, $"{Prod}/api-key/value"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(viewer, $"{Prod}/db-password/value"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(restricted, $"{Prod}/api-key/value"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(restricted, $"{Prod}/db-password/value"));
    }

    [Fact]
    public async Task Rollback_NeedsNoRightToReadTheValue()
    {
        using var admin = fixture.Host.CreateClient(fixture.Admin);
        using var restricted = fixture.Host.CreateClient(_restrictedOperator);
        using (var first = await admin.PutAsJsonAsync($"{Prod}/rollback-me", new { value = "rollback-first" }))
        using (var second = await admin.PutAsJsonAsync($"{Prod}/rollback-me", new { value = "rollback-second" }))
        {
            Assert.True(first.IsSuccessStatusCode, $"first PUT: {(int)first.StatusCode}");
            Assert.True(second.IsSuccessStatusCode, $"second PUT: {(int)second.StatusCode}");
        }

        using var rollback = await restricted.PostAsJsonAsync($"{Prod}/rollback-me/rollback", new { version = 1 });
        using var reveal = await restricted.GetAsync($"{Prod}/rollback-me/value");
        using var value = await admin.GetAsync($"{Prod}/rollback-me/value");

        var body = await HttpAssert.JsonAsync(rollback, HttpStatusCode.OK);
        Assert.False(body.TryGetProperty("value", out _));
        await HttpAssert.StatusAsync(reveal, HttpStatusCode.Forbidden);
        Assert.Equal("rollback-first", (await HttpAssert.JsonAsync(value, HttpStatusCode.OK)).GetProperty("value")
            .GetString());
    }

    [Fact]
    public async Task OperatorAndAdmins_RevealInScope()
    {
        using var @operator = fixture.Host.CreateClient(fixture.Operator);
        using var namespaceAdmin = fixture.Host.CreateClient(fixture.NamespaceAdmin);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(@operator, $"{Prod}/db-password/value"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(namespaceAdmin, $"{Dev}/db-password/value"));
        Assert.Equal(HttpStatusCode.Forbidden,
            await StatusAsync(@operator, "/v1/namespaces/beta/environments/prod/secrets/db-password/value"));
    }

    [Fact]
    public async Task PurgeAndKeyring_NeedAdmins()
    {
        using var admin = fixture.Host.CreateClient(fixture.Admin);
        using var @operator = fixture.Host.CreateClient(fixture.Operator);
        using var namespaceAdmin = fixture.Host.CreateClient(fixture.NamespaceAdmin);
        using (var created = await admin.PutAsJsonAsync($"{Prod}/purge-me", new { value = "purge-value" }))
        {
            Assert.True(created.IsSuccessStatusCode);
        }

        var confirm = new { confirm = "purge-me" };
        using var byOperator = await @operator.PostAsJsonAsync($"{Prod}/purge-me/purge", confirm);
        using var byNamespaceAdmin = await namespaceAdmin.PostAsJsonAsync($"{Prod}/purge-me/purge", confirm);
        using var keyringByNamespaceAdmin = await namespaceAdmin.GetAsync("/v1/secrets/keyring");
        using var keyringByAdmin = await admin.GetAsync("/v1/secrets/keyring");

        await HttpAssert.StatusAsync(byOperator, HttpStatusCode.Forbidden);
        await HttpAssert.StatusAsync(byNamespaceAdmin, HttpStatusCode.OK);
        await HttpAssert.StatusAsync(keyringByNamespaceAdmin, HttpStatusCode.Forbidden);
        await HttpAssert.StatusAsync(keyringByAdmin, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Grants_ListSecretsOnlyForViewersAndOperators()
    {
        using var admin = fixture.Host.CreateClient(fixture.Admin);

        using var token = await admin.PostAsJsonAsync("/v1/keys", new
        {
            name = "token-with-secrets", kind = "serviceToken", @namespace = "alpha", environment = "prod",
            secrets = new[] { "db-password", "cache-*" },
        });
        using var auditor = await admin.PostAsJsonAsync("/v1/keys", new
        {
            name = "auditor-with-secrets", grants = new[] { new { role = "auditor", secrets = new[] { "x" } } },
        });
        using var pattern = await admin.PostAsJsonAsync("/v1/keys", new
        {
            name = "bad-pattern", grants = new[] { new { role = "viewer", secrets = new[] { "db*x" } } },
        });

        var grant = (await HttpAssert.JsonAsync(token, HttpStatusCode.Created)).GetProperty("grants")[0];
        Assert.Equal(["db-password", "cache-*"], grant.GetProperty("secrets").EnumerateArray()
            .Select(e => e.GetString()));
        Assert.Contains("cannot list secrets", await HttpAssert.ProblemAsync(auditor, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Contains("'db*x'", await HttpAssert.ProblemAsync(pattern, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string method = "GET")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { version = 1 });
        }

        using var response = await client.SendAsync(request);

        return response.StatusCode;
    }
}
