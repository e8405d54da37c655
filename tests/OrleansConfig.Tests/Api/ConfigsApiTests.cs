using System.Net;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>Single keys: writes, reads, conditional reads, old versions and history paging.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ConfigsApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task PutConfig_CreatesThenUpdates()
    {
        var scope = await fixture.CreateScopeAsync();

        using var first = await scope.PutAsync("Db:Host", "\"db1\"");
        var created = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        using var second = await scope.PutAsync("Db:Host", "\"db2\"");
        var updated = await HttpAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("\"1\"", first.Headers.ETag?.ToString());
        Assert.Equal(scope.KeyPath("Db:Host"), first.Headers.Location?.OriginalString);
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", second.Headers.ETag?.ToString());
        Assert.Equal("db2", updated.GetProperty("value").GetString());
    }

    [Fact]
    public async Task PutConfig_SameValueKeepsVersion()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Port", "5432");

        using var response = await scope.PutAsync("Db:Port", "5432");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.False(body.GetProperty("changed").GetBoolean());
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GetConfig_ReturnsValueAndMetadata()
    {
        var scope = await fixture.CreateScopeAsync();
        var before = DateTimeOffset.UtcNow;
        using var put = await scope.SendAsync(HttpMethod.Put, scope.KeyPath("Feature:Enabled"),
            ApiScope.ValueBody("true", "turn it on"));
        await HttpAssert.StatusAsync(put, HttpStatusCode.Created);

        using var response = await scope.GetAsync(scope.KeyPath("Feature:Enabled"));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var updatedAt = body.GetProperty("updatedAt").GetDateTimeOffset();
        Assert.Equal("Feature:Enabled", body.GetProperty("key").GetString());
        Assert.True(body.GetProperty("value").GetBoolean());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(TimeSpan.Zero, updatedAt.Offset);
        Assert.InRange(updatedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.EndsWith($"(key {fixture.Cluster.AdminKeyId})", body.GetProperty("author").GetString());
        Assert.Equal("turn it on", body.GetProperty("comment").GetString());
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GetConfig_CurrentETagIsNotModified()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Retries", "1");
        await scope.WriteAsync("Retries", "2");

        using var current = await scope.SendAsync(HttpMethod.Get, scope.KeyPath("Retries"), null,
            new Header("If-None-Match", "\"2\""));
        using var stale = await scope.SendAsync(HttpMethod.Get, scope.KeyPath("Retries"), null,
            new Header("If-None-Match", "\"1\""));
        var body = await HttpAssert.JsonAsync(stale, HttpStatusCode.OK);

        await HttpAssert.StatusAsync(current, HttpStatusCode.NotModified);
        Assert.Equal("\"2\"", current.Headers.ETag?.ToString());
        Assert.Equal(2, body.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task GetConfig_VersionQueryReadsOldValue()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Retries", "1");
        await scope.WriteAsync("Retries", "2");

        using var old = await scope.GetAsync(scope.KeyPath("Retries") + "?version=1");
        var body = await HttpAssert.JsonAsync(old, HttpStatusCode.OK);
        using var missing = await scope.GetAsync(scope.KeyPath("Retries") + "?version=3");
        var missingDetail = await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        using var zero = await scope.GetAsync(scope.KeyPath("Retries") + "?version=0");
        var zeroDetail = await HttpAssert.ProblemAsync(zero, HttpStatusCode.BadRequest);

        Assert.Equal(1, body.GetProperty("value").GetInt32());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Contains("versions 1 to 2", missingDetail, StringComparison.Ordinal);
        Assert.Contains("version=0", zeroDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfig_MissingKeyNotFoundNamesKey()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.GetAsync(scope.KeyPath("Never:Written"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("'Never:Written' does not exist", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersions_PagesNewestFirst()
    {
        var scope = await fixture.CreateScopeAsync();
        for (var i = 1; i <= 5; i++)
        {
            await scope.WriteAsync("Counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var all = await ReadVersionsAsync(scope, "Counter", "");
        var first = await ReadVersionsAsync(scope, "Counter", "?limit=2");
        var second = await ReadVersionsAsync(scope, "Counter", $"?limit=2&before={first.NextBefore}");
        var last = await ReadVersionsAsync(scope, "Counter", $"?limit=2&before={second.NextBefore}");

        Assert.Equal([5, 4, 3, 2, 1], all.Versions);
        Assert.Null(all.NextBefore);
        Assert.Equal([5, 4], first.Versions);
        Assert.Equal(4, first.NextBefore);
        Assert.Equal([3, 2], second.Versions);
        Assert.Equal(2, second.NextBefore);
        Assert.Equal([1], last.Versions);
        Assert.Null(last.NextBefore);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task GetVersions_LimitOutOfRangeIsBadRequest(string limit)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Counter", "1");

        using var response = await scope.GetAsync(scope.KeyPath("Counter") + "/versions?limit=" + limit);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains($"limit={limit}", detail, StringComparison.Ordinal);
    }

    private static async Task<(int[] Versions, int? NextBefore)> ReadVersionsAsync(
        ApiScope scope, string key, string query)
    {
        using var response = await scope.GetAsync(scope.KeyPath(key) + "/versions" + query);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var versions = body.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32());
        var next = body.GetProperty("nextBefore");

        return (versions.ToArray(), next.ValueKind == JsonValueKind.Null ? null : next.GetInt32());
    }
}
