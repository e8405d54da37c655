using System.Diagnostics;
using System.Net;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Cluster;

/// <summary>With every silo gone, the api answers 503 with Retry-After, promptly, never a 500 or a hang.</summary>
public sealed class ClusterUnavailableTests
{
    [Fact]
    public async Task NoSilo_Returns503WithRetryAfter()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 1);
        var ns = TestServices.NewNamespace();
        (await cluster.Http.PutAsync($"/v1/namespaces/{ns}", null)).EnsureSuccessStatusCode();
        cluster.KillSilo(0);

        var watch = Stopwatch.StartNew();
        using var response = await cluster.Http.GetAsync($"/v1/namespaces/{ns}");
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the 503 took {watch.Elapsed}");
    }

    [Fact]
    public async Task NoSilo_ReadinessFails()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 1);
        cluster.KillSilo(0);

        using var response = await cluster.Http.GetAsync("/health/ready");
        using var live = await cluster.Http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
