using System.Net.Http.Json;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// One in-process api with namespaces <c>alpha</c> (environments prod and dev) and <c>beta</c>
/// (prod), and a key for each kind of caller. The keys live in <see cref="FakeKeyAuthenticator"/>,
/// not in key grains. Everything behind authentication runs on real grains with in-memory storage.
/// </summary>
public sealed class SecuredApiFixture : IAsyncLifetime
{
    public const string InScope = "alpha";
    public const string OutOfScope = "beta";

    public ApiHost Host { get; } = new();

    public string Admin { get; private set; } = "";
    public string NamespaceAdmin { get; private set; } = "";
    public string Operator { get; private set; } = "";
    public string Viewer { get; private set; } = "";
    public string ServiceToken { get; private set; } = "";
    public string Expired { get; private set; } = "";
    public string Revoked { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var keys = Host.Keys;
        Admin = keys.Add("admin", new Grant(Role.Admin));
        NamespaceAdmin = keys.Add("alpha-admin", new Grant(Role.Admin, InScope));
        Operator = keys.Add("alpha-operator", new Grant(Role.Operator, InScope));
        Viewer = keys.Add("alpha-viewer", new Grant(Role.Viewer, InScope));
        ServiceToken = keys.Add("alpha-prod-service", ApiKeyKind.ServiceToken, AuthenticationStatus.Authenticated,
            new Grant(Role.Viewer, InScope, "prod"));
        Expired = keys.Add("expired", ApiKeyKind.Key, AuthenticationStatus.Expired, new Grant(Role.Admin));
        Revoked = keys.Add("revoked", ApiKeyKind.Key, AuthenticationStatus.Revoked, new Grant(Role.Admin));

        using var admin = Host.CreateClient(Admin);
        await CreateEnvironmentAsync(admin, InScope, "prod");
        await CreateEnvironmentAsync(admin, InScope, "dev");
        await CreateEnvironmentAsync(admin, OutOfScope, "prod");
        foreach (var path in new[] { "alpha/environments/prod", "alpha/environments/dev", "beta/environments/prod" })
        {
            var response = await admin.PutAsJsonAsync($"/v1/namespaces/{path}/configs/k", new { value = 1 });
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private static async Task CreateEnvironmentAsync(HttpClient admin, string ns, string env)
    {
        (await admin.PutAsync($"/v1/namespaces/{ns}", null)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/namespaces/{ns}/environments/{env}", null)).EnsureSuccessStatusCode();
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredApiCollection : ICollectionFixture<SecuredApiFixture>
{
    public const string Name = "secured api";
}
