using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Runtime;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>401 responses for each kind of failed credential, and 503 when the key lookup fails.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class AuthenticationTests(SecuredApiFixture fixture)
{
    private const string Path = "/v1/namespaces/alpha";

    [Fact]
    public async Task NoCredential_Returns401Missing()
    {
        using var client = fixture.Host.CreateClient(token: null);

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.Missing);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("oc_short")]
    [InlineData("not-a-key")]
    [InlineData("oc_AAAAAAAAAAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task MalformedKey_Returns401NotAccepted(string token)
    {
        using var client = fixture.Host.CreateClient(token);

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task WrongSecret_Returns401NotAccepted()
    {
        var lastFour = fixture.Admin.EndsWith("aaaa", StringComparison.Ordinal) ? "bbbb" : "aaaa";
        var wrongSecret = fixture.Admin[..^4] + lastFour;
        using var client = fixture.Host.CreateClient(wrongSecret);

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task UnknownKey_Returns401NotAccepted()
    {
        using var client = fixture.Host.CreateClient(Infrastructure.TestKeys.NewToken());

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task BasicCredential_Returns401NotAccepted()
    {
        using var client = fixture.Host.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [Fact]
    public async Task ExpiredKey_Returns401Expired()
    {
        using var client = fixture.Host.CreateClient(fixture.Expired);

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.Expired);
    }

    [Fact]
    public async Task RevokedKey_Returns401Revoked()
    {
        using var client = fixture.Host.CreateClient(fixture.Revoked);

        using var response = await client.GetAsync(Path);

        await AssertUnauthorizedAsync(response, CredentialProblems.Revoked);
    }

    [Fact]
    public async Task Revocation_AppliesToNextRequest()
    {
        var token = await fixture.AddKeyAsync("short-lived", new Grant(Role.Admin));
        using var client = fixture.Host.CreateClient(token);

        using var before = await client.GetAsync(Path);
        await fixture.RevokeAsync(token);
        using var after = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertUnauthorizedAsync(after, CredentialProblems.Revoked);
    }

    [Fact]
    public async Task EachRequest_AuthenticatesOnce()
    {
        await using var host = new ApiHost();
        await CreateNamespaceAsync(host);
        using var client = host.CreateClient(host.Keys.Add("viewer", new Grant(Role.Viewer, "alpha")));
        var before = host.Keys.Calls;

        using var first = await client.GetAsync(Path);
        using var second = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(before + 2, host.Keys.Calls);
    }

    /// <summary>Creates namespace alpha in a host whose keys are in its fake key lookup.</summary>
    private static async Task CreateNamespaceAsync(ApiHost host)
    {
        using var admin = host.CreateClient(host.Keys.Add("admin", new Grant(Role.Admin)));
        (await admin.PutAsync(Path, null)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(SiloUnavailableException))]
    public async Task LookupFailure_Returns503(Type exceptionType)
    {
        // A failing key grain cannot be arranged on real grains, so a fake lookup throws instead.
        await using var host = new ApiHost();
        var failure = (Exception)Activator.CreateInstance(exceptionType)!;
        using var client = host.CreateClient(host.Keys.AddFailing(failure));

        using var response = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    public async Task AnonymousEndpoints_NeedNoCredential(string path)
    {
        using var client = fixture.Host.CreateClient(token: null);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousEndpoint_SkipsKeyLookup()
    {
        await using var host = new ApiHost();
        using var client = host.CreateClient(host.Keys.AddFailing(new TimeoutException()));

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }
}
