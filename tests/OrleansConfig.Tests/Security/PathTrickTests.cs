using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// Paths that try to reach another scope than the grant's: encoded slashes, dot segments, case
/// variants, another namespace and another environment.
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class PathTrickTests(SecuredApiFixture fixture)
{
    [Theory]
    [InlineData("/v1/namespaces/alpha%2Fprod/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/beta%2F..%2Falpha/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/alpha/environments/prod%2F..%2F..%2Fbeta/configs/k")]
    public async Task EncodedSlash_IsForbidden(string path)
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EncodedSlash_InOwnNamespace_IsInvalid()
    {
        using var client = fixture.Host.CreateClient(fixture.Operator);

        using var response = await client.GetAsync("/v1/namespaces/alpha/environments/prod%2F..%2F..%2Fbeta/configs/k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/namespaces/alpha/../beta/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/alpha/%2E%2E/beta/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/alpha/environments/prod/../../../beta/environments/prod/configs/k")]
    public async Task DotSegments_ReachingOtherNamespace_AreForbidden(string path)
    {
        var status = await SendRawAsync(path, fixture.Operator);

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task DotSegments_ResolvingInScope_AreAllowed()
    {
        var status = await SendRawAsync("/v1/namespaces/beta/../alpha/environments/prod/configs/k", fixture.Viewer);

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("/v1/namespaces/ALPHA/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/Alpha/environments/prod/configs/k")]
    [InlineData("/v1/namespaces/alpha/environments/PROD/configs/k")]
    public async Task UppercaseVariant_DoesNotMatchGrant(string path)
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task KeyOfAlpha_OnBeta_IsForbidden()
    {
        using var client = fixture.Host.CreateClient(fixture.Operator);

        var path = "/v1/namespaces/beta/environments/prod/configs/k";
        using var response = await client.PutAsJsonAsync(path, new { value = 3 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Write permission on 'beta/prod'", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceToken_OnOtherEnvironment_IsForbidden()
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);

        using var response = await client.GetAsync("/v1/namespaces/alpha/environments/dev/configs/k");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Read permission on 'alpha/dev'", Detail(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/namespaces/alpha")]
    [InlineData("/v1/namespaces/beta/environments")]
    public async Task ServiceToken_OnNamespaceEndpoints_IsForbidden(string path)
    {
        using var client = fixture.Host.CreateClient(fixture.ServiceToken);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task NamespaceAdmin_CannotCreateOwnNamespace()
    {
        using var client = fixture.Host.CreateClient(fixture.NamespaceAdmin);

        using var response = await client.PutAsync("/v1/namespaces/alpha", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("ManageAccess permission on all namespaces", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceAdmin_CreatesEnvironment()
    {
        using var client = fixture.Host.CreateClient(fixture.NamespaceAdmin);

        using var response = await client.PutAsync("/v1/namespaces/alpha/environments/staging", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";

    /// <summary>
    /// Sends the path byte for byte over TCP, because HttpClient removes dot segments before sending;
    /// returns the status code.
    /// </summary>
    private async Task<int> SendRawAsync(string path, string token)
    {
        using var http = fixture.Host.CreateClient(token: null);
        var address = http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";

        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
