using System.Net;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>The provider configuration that OFREP providers read before they poll.</summary>
[Collection(OfrepApiCollection.Name)]
public sealed class OfrepConfigurationTests(OfrepApiFixture fixture)
{
    private const string Path = "/ofrep/v1/configuration";

    [Fact]
    public async Task Configuration_ListsCapabilities()
    {
        using var client = fixture.Host.CreateClient(fixture.Secured.Admin);

        using var response = await client.GetAsync(Path);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("OrleansConfig", body.GetProperty("name").GetString());
        var capabilities = body.GetProperty("capabilities");
        var polling = capabilities.GetProperty("cacheInvalidation").GetProperty("polling");
        Assert.True(polling.GetProperty("enabled").GetBoolean());
        Assert.Equal(1000, polling.GetProperty("minPollingIntervalMs").GetInt32());
        var types = capabilities.GetProperty("flagEvaluation").GetProperty("supportedTypes").EnumerateArray()
            .Select(t => t.GetString()).Order();
        Assert.Equal(["boolean", "float", "int", "object", "string"], types);
    }

    [Fact]
    public async Task MatchingETag_Returns304()
    {
        using var client = fixture.Host.CreateClient(fixture.Secured.Admin);
        using var first = await client.GetAsync(Path);
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task NoCredential_Returns401()
    {
        using var client = fixture.Host.CreateClient(null);

        using var response = await client.GetAsync(Path);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
