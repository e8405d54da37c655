using System.Net;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>The environment snapshot: every current key at one revision, with conditional reads.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SnapshotApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Snapshot_ListsKeysWithRevision()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"db\"");
        await scope.WriteAsync("Db:Port", "5432");
        await scope.WriteAsync("Db:Port", "5433");
        await scope.WriteAsync("Cache:Ttl", "60");

        using var response = await scope.GetAsync(scope.SnapshotPath);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var configs = ToDictionary(body);

        Assert.Equal(4, body.GetProperty("revision").GetInt64());
        Assert.Equal("\"r4\"", response.Headers.ETag?.ToString());
        Assert.Equal(["Cache:Ttl", "Db:Host", "Db:Port"], KeysOf(body));
        Assert.Equal("5433", configs["Db:Port"].GetProperty("value").GetRawText());
        Assert.Equal(2, configs["Db:Port"].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Snapshot_PrefixIgnoresCase()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"db\"");
        await scope.WriteAsync("DB:Port", "5432");
        await scope.WriteAsync("Dbx", "1");
        await scope.WriteAsync("Cache:Ttl", "60");

        var body = await scope.ReadSnapshotAsync("db:");

        Assert.Equal(["Db:Host", "DB:Port"], KeysOf(body));
        Assert.Equal(4, body.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Snapshot_CurrentETagIsNotModified()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"db\"");
        using var first = await scope.GetAsync(scope.SnapshotPath);
        await HttpAssert.StatusAsync(first, HttpStatusCode.OK);
        var etag = first.Headers.ETag!.ToString();

        using var second = await scope.SendAsync(HttpMethod.Get, scope.SnapshotPath, null, IfNoneMatch(etag));
        var content = await second.Content.ReadAsByteArrayAsync();

        await HttpAssert.StatusAsync(second, HttpStatusCode.NotModified);
        Assert.Empty(content);
        Assert.Equal(etag, second.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Snapshot_StaleETagReturnsNewState()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"old\"");
        using var first = await scope.GetAsync(scope.SnapshotPath);
        var etag = first.Headers.ETag!.ToString();
        await scope.WriteAsync("Db:Host", "\"new\"");

        using var second = await scope.SendAsync(HttpMethod.Get, scope.SnapshotPath, null, IfNoneMatch(etag));
        var body = await HttpAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal("\"r2\"", second.Headers.ETag?.ToString());
        Assert.Equal("new", ToDictionary(body)["Db:Host"].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Snapshot_ShowsEachWriteImmediately()
    {
        var scope = await fixture.CreateScopeAsync();

        for (var i = 1; i <= 10; i++)
        {
            await scope.WriteAsync("Counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var body = await scope.ReadSnapshotAsync();

            Assert.Equal(i, body.GetProperty("revision").GetInt64());
            Assert.Equal(i, ToDictionary(body)["Counter"].GetProperty("value").GetInt32());
        }

        using var delete = await scope.DeleteAsync("Counter");
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);
        var afterDelete = await scope.ReadSnapshotAsync();

        Assert.Equal(11, afterDelete.GetProperty("revision").GetInt64());
        Assert.Empty(KeysOf(afterDelete));
    }

    [Fact]
    public async Task Snapshot_RollbackRaisesRevision()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"blue\"");
        await scope.WriteAsync("Mode", "\"green\"");

        using var rollback = await scope.RollbackAsync("Mode", 1);
        await HttpAssert.StatusAsync(rollback, HttpStatusCode.OK);
        var body = await scope.ReadSnapshotAsync();

        Assert.Equal(3, body.GetProperty("revision").GetInt64());
        Assert.Equal("blue", ToDictionary(body)["Mode"].GetProperty("value").GetString());
    }

    private static Header IfNoneMatch(string etag) => new("If-None-Match", etag);

    /// <summary>Returns the snapshot's keys in the order it lists them.</summary>
    private static string[] KeysOf(JsonElement snapshot) =>
        snapshot.GetProperty("configs").EnumerateArray().Select(e => e.GetProperty("key").GetString()!).ToArray();

    private static Dictionary<string, JsonElement> ToDictionary(JsonElement snapshot) =>
        snapshot.GetProperty("configs").EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!, e => e);
}
