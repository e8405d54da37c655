using System.Net;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// Flag changes reaching evaluation in the running api: new values, archived and deleted flags, and the
/// bulk ETag with If-None-Match.
/// </summary>
[Collection(OfrepApiCollection.Name)]
public sealed class OfrepChangeTests(OfrepApiFixture fixture) : IAsyncLifetime
{
    private const string On =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""";
    private const string Off =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}""";
    private const string Context = """{"context": {"targetingKey": "u1"}}""";

    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);

    private OfrepClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await fixture.CreateEnvironmentAsync();
        await fixture.PutFlagAsync(_client, "checkout", On);
        await fixture.PutFlagAsync(_client, "search", On);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();

        return Task.CompletedTask;
    }

    [Fact]
    public async Task FlagChange_ReachesEvaluation()
    {
        Assert.Equal("on", await VariantAsync("checkout"));

        await fixture.PutFlagAsync(_client, "checkout", Off);

        await ClusterHttp.WaitForAsync(async () => await VariantAsync("checkout") == "off", Propagation,
            "the new default variant in OFREP evaluation");
    }

    [Fact]
    public async Task NewFlag_ReachesEvaluation()
    {
        await fixture.PutFlagAsync(_client, "added-later", On);

        await ClusterHttp.WaitForAsync(async () => await VariantAsync("added-later") == "on", Propagation,
            "a flag written after the first evaluation");
    }

    [Fact]
    public async Task ArchivedFlag_IsNotFoundUntilRestored()
    {
        Assert.Equal("on", await VariantAsync("search"));

        await FlagWriter.SetLifecycleAsync(fixture.Grains, _client.Namespace!, _client.Environment!, "search",
            FlagLifecycles.Archived);
        await ClusterHttp.WaitForAsync(async () => await VariantAsync("search") == "404", Propagation,
            "FLAG_NOT_FOUND for the archived flag");
        var (bulk, _) = await _client.EvaluateAllJsonAsync("{}");
        Assert.DoesNotContain("search", bulk.Keys);

        await FlagWriter.SetLifecycleAsync(fixture.Grains, _client.Namespace!, _client.Environment!, "search",
            FlagLifecycles.Active);
        await ClusterHttp.WaitForAsync(async () => await VariantAsync("search") == "on", Propagation,
            "the restored flag in evaluation");
    }

    [Fact]
    public async Task DeletedFlag_IsNotFound()
    {
        await fixture.PutFlagAsync(_client, "short-lived", On);
        await ClusterHttp.WaitForAsync(async () => await VariantAsync("short-lived") == "on", Propagation,
            "the new flag in evaluation");

        await FlagWriter.DeleteAsync(fixture.Grains, _client.Namespace!, _client.Environment!, "short-lived");

        await ClusterHttp.WaitForAsync(async () => await VariantAsync("short-lived") == "404", Propagation,
            "FLAG_NOT_FOUND for the deleted flag");
    }

    [Fact]
    public async Task Bulk_SameRequestWithETag_Returns304()
    {
        using var first = await _client.EvaluateAllAsync(Context);
        await OfrepAssert.JsonAsync(first, HttpStatusCode.OK);
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);

        using var second = await _client.EvaluateAllAsync(Context, ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag?.ToString());
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bulk_OtherContext_GetsOtherETag()
    {
        using var first = await _client.EvaluateAllAsync(Context);
        var etag = first.Headers.ETag?.ToString();

        using var other = await _client.EvaluateAllAsync("""{"context": {"targetingKey": "u2"}}""", etag);

        await OfrepAssert.JsonAsync(other, HttpStatusCode.OK);
        Assert.NotEqual(etag, other.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Bulk_FlagChange_ChangesETag()
    {
        await fixture.PutFlagAsync(_client, "etag-flag", On);
        await ClusterHttp.WaitForAsync(async () => await VariantAsync("etag-flag") == "on", Propagation,
            "the new flag in evaluation");
        using var before = await _client.EvaluateAllAsync(Context);
        var etag = before.Headers.ETag!.ToString();

        await fixture.PutFlagAsync(_client, "etag-flag", Off);
        await ClusterHttp.WaitForAsync(async () => await VariantAsync("etag-flag") == "off", Propagation,
            "the changed flag in evaluation");
        using var after = await _client.EvaluateAllAsync(Context, ifNoneMatch: etag);

        var body = await OfrepAssert.JsonAsync(after, HttpStatusCode.OK);
        Assert.NotEqual(etag, after.Headers.ETag?.ToString());
        var changed = body.GetProperty("flags").EnumerateArray()
            .Single(flag => flag.GetProperty("key").GetString() == "etag-flag");
        Assert.Equal("off", changed.GetProperty("variant").GetString());
    }

    /// <summary>Returns the variant of a single evaluation, or the status code when it is not 200.</summary>
    private async Task<string?> VariantAsync(string key)
    {
        using var response = await _client.EvaluateAsync(key, Context);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);

        return body.TryGetProperty("variant", out var variant) ? variant.GetString() : null;
    }
}
