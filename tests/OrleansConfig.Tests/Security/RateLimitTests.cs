using System.Net;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>The per-caller token bucket, with one permit per second and a burst of two.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(new Dictionary<string, string?>
    {
        ["OrleansConfig:RateLimit:PermitsPerSecond"] = "1",
        ["OrleansConfig:RateLimit:Burst"] = "2",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BurstExceeded_Returns429WithRetryAfter()
    {
        using var client = _host.CreateClient(_host.Keys.Add("busy", new Grant(Role.Admin)));

        var responses = await SendManyAsync(client, 10);

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        var rejected = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(rejected.Headers.RetryAfter);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OtherCaller_KeepsOwnBucket()
    {
        using var busy = _host.CreateClient(_host.Keys.Add("busy", new Grant(Role.Admin)));
        using var quiet = _host.CreateClient(_host.Keys.Add("quiet", new Grant(Role.Admin)));

        await SendManyAsync(busy, 10);
        using var response = await quiet.GetAsync("/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousRequests_LimitedByAddress()
    {
        using var client = _host.CreateClient(token: null);

        var responses = await SendManyAsync(client, 10);

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ZeroPermits_DisablesLimit()
    {
        await using var host = new ApiHost(new Dictionary<string, string?>
        {
            ["OrleansConfig:RateLimit:PermitsPerSecond"] = "0",
            ["OrleansConfig:RateLimit:Burst"] = "1",
        });
        using var client = host.CreateClient(host.Keys.Add("unlimited", new Grant(Role.Admin)));

        var responses = await SendManyAsync(client, 10);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static async Task<List<HttpResponseMessage>> SendManyAsync(HttpClient client, int count)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await client.GetAsync("/v1/namespaces"));
        }

        return responses;
    }
}
