using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>JWT bearer tokens signed in the test with a symmetric key, next to API keys.</summary>
public sealed class JwtBearerTests : IAsyncLifetime
{
    private const string Audience = "orleansconfig";
    private const string Prod = "/v1/namespaces/alpha/environments/prod";
    private const string Dev = "/v1/namespaces/alpha/environments/dev";

    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly ApiHost _host;
    private string _adminKey = "";

    public JwtBearerTests()
    {
        _host = new ApiHost(new Dictionary<string, string?>
        {
            ["OrleansConfig:Jwt:Enabled"] = "true",
            ["OrleansConfig:Jwt:Audience"] = Audience,
            ["OrleansConfig:Jwt:SigningKey"] = Convert.ToBase64String(_signingKey),
        });
    }

    public async Task InitializeAsync()
    {
        _adminKey = _host.Keys.Add("admin", new Grant(Role.Admin));
        using var admin = _host.CreateClient(_adminKey);
        (await admin.PutAsync("/v1/namespaces/alpha", null)).EnsureSuccessStatusCode();
        (await admin.PutAsync("/v1/namespaces/alpha/environments/prod", null)).EnsureSuccessStatusCode();
        (await admin.PutAsync("/v1/namespaces/alpha/environments/dev", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ViewerToken_ReadsOwnNamespace()
    {
        using var client = ClientWith(Sign("u-1", "viewer:alpha"));

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ViewerToken_CannotWrite()
    {
        using var client = ClientWith(Sign("u-1", "viewer:alpha"));

        using var response = await client.PutAsJsonAsync($"{Prod}/configs/k", new { value = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EnvironmentGrant_LimitsWrites()
    {
        using var client = ClientWith(Sign("u-2", "operator:alpha/prod"));

        using var prod = await client.PutAsJsonAsync($"{Prod}/configs/k", new { value = 1 });
        using var dev = await client.PutAsJsonAsync($"{Dev}/configs/k", new { value = 1 });

        Assert.True(prod.IsSuccessStatusCode, $"prod answered {(int)prod.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, dev.StatusCode);
    }

    [Fact]
    public async Task AdminToken_IsRecordedAsAuthor()
    {
        using var client = ClientWith(Sign("u-42", "admin", name: "Ada"));

        (await client.PutAsJsonAsync("/v1/namespaces/alpha/environments/prod/configs/Jwt:Author", new { value = 1 }))
            .EnsureSuccessStatusCode();
        var history = await client.GetFromJsonAsync<JsonElement>(
            "/v1/namespaces/alpha/environments/prod/configs/Jwt:Author/versions");

        Assert.Equal("Ada (jwt u-42)", history.GetProperty("versions")[0].GetProperty("author").GetString());
    }

    [Fact]
    public async Task WrongSigningKey_Returns401()
    {
        using var client = ClientWith(Sign("u-1", "admin", key: RandomNumberGenerator.GetBytes(32)));

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task WrongAudience_Returns401()
    {
        using var client = ClientWith(Sign("u-1", "admin", audience: "another-service"));

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task ExpiredToken_Returns401()
    {
        using var client = ClientWith(Sign("u-1", "admin", expires: DateTime.UtcNow.AddHours(-1)));

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task MissingSubject_Returns401()
    {
        using var client = ClientWith(Sign(subject: null, "admin"));

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task ApiKey_StillAccepted()
    {
        using var client = ClientWith(_adminKey);

        using var response = await client.GetAsync("/v1/namespaces/alpha");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SecretsListInGrant_LimitsReveals()
    {
        using var admin = ClientWith(_adminKey);
        (await admin.PutAsJsonAsync($"{Prod}/secrets/db-password", new { value = "pw-1" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"{Prod}/secrets/smtp-password", new { value = "pw-2" })).EnsureSuccessStatusCode();
        using var client = ClientWith(Sign("u-3", "viewer:alpha/prod;secrets=db-*"));

        using var listed = await client.GetAsync($"{Prod}/secrets/db-password/value");
        using var other = await client.GetAsync($"{Prod}/secrets/smtp-password/value");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var body = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pw-1", body.GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    private HttpClient ClientWith(string token)
    {
        var client = _host.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        return client;
    }

    private string Sign(
        string? subject, string grant, string? name = null, string audience = Audience, byte[]? key = null,
        DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["orleansconfig_grants"] = new[] { grant } };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Audience = audience,
            Issuer = "https://issuer.test",
            Claims = claims,
            NotBefore = expires?.AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(key ?? _signingKey), SecurityAlgorithms.HmacSha256),
        };

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
