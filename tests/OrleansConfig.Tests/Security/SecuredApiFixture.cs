using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansConfig.Api.Identity;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// One in-process api with namespaces <c>alpha</c> (environments prod and dev) and <c>beta</c>
/// (prod), and a key for each kind of caller. The keys are real key grains, created through the
/// key directory, in the api's development-mode silo (real grains, in-memory storage).
/// </summary>
public sealed class SecuredApiFixture : IAsyncLifetime
{
    public const string InScope = "alpha";
    public const string OutOfScope = "beta";

    public ApiHost Host { get; } = new(useKeyGrains: true);

    public string Admin { get; private set; } = "";
    public string NamespaceAdmin { get; private set; } = "";
    public string Operator { get; private set; } = "";
    public string Viewer { get; private set; } = "";
    public string ServiceToken { get; private set; } = "";
    public string Expired { get; private set; } = "";
    public string Revoked { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Admin = await AddKeyAsync("admin", new Grant(Role.Admin));
        NamespaceAdmin = await AddKeyAsync("alpha-admin", new Grant(Role.Admin, InScope));
        Operator = await AddKeyAsync("alpha-operator", new Grant(Role.Operator, InScope));
        Viewer = await AddKeyAsync("alpha-viewer", new Grant(Role.Viewer, InScope));
        ServiceToken = await AddKeyAsync("alpha-prod-service", ApiKeyKind.ServiceToken, null,
            new Grant(Role.Viewer, InScope, "prod"));
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        Expired = await AddKeyAsync("expired", ApiKeyKind.Key, yesterday, new Grant(Role.Admin));
        Revoked = await AddKeyAsync("revoked", new Grant(Role.Admin));
        await RevokeAsync(Revoked);

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

    public Task<string> AddKeyAsync(string name, params Grant[] grants) =>
        AddKeyAsync(name, ApiKeyKind.Key, null, grants);

    /// <summary>Creates a key in the key grains, as POST /v1/keys does, and returns its token.</summary>
    public async Task<string> AddKeyAsync(
        string name, ApiKeyKind kind, DateTimeOffset? expiresAt, params Grant[] grants)
    {
        var (id, secret, token) = ApiKeyFormat.Generate();
        var request = new ApiKeyCreate(name, "tests", kind, expiresAt, ApiKeyFormat.Hash(secret), grants, "tests");
        var created = await Grains.GetGrain<IApiKeyDirectoryGrain>(0).CreateKey(id, request);

        return created is null ? throw new InvalidOperationException($"Key id {id} was taken.") : token;
    }

    public async Task RevokeAsync(string token)
    {
        ApiKeyFormat.TryParse(token, out var id, out _);
        await Grains.GetGrain<IApiKeyGrain>(id).Revoke("tests");
    }

    private IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

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
