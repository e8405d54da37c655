using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Changes;

/// <summary>The watch stream and the long poll against real silo and api processes.</summary>
public sealed class WatchTests(WatchClusterFixture fixture) : IClassFixture<WatchClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ConcurrentWriters_DeliveredOnceInOrder()
    {
        var scope = await fixture.CreateScopeAsync();
        await using var first = await fixture.WatchAsync(scope);
        await using var second = await fixture.WatchAsync(scope);
        await using var third = await fixture.WatchAsync(scope);

        // 8 writers, 30 writes each, over 40 keys shared between writers.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                using var response = await scope.PutAsync($"Key{(w * 7 + i) % 40}", $"\"w{w}-{i}\"");
                response.EnsureSuccessStatusCode();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        using (var deleted = await scope.DeleteAsync("Key0"))
        {
            deleted.EnsureSuccessStatusCode();
        }

        var head = await WatchStreams.RevisionAsync(scope);
        foreach (var (recorder, name) in new[] { (first, "first"), (second, "second"), (third, "third") })
        {
            await recorder.WaitForRevisionAsync(head, Patience);
            WatchStreams.AssertExactlyOnceInOrder(recorder, 1, head, name);
        }

        // Every (key, version) once, and the last event of each key is what the snapshot holds.
        var changes = first.Events.Where(e => e.Type == "change").Select(e => e.Json).ToArray();
        var pairs = changes.Select(c => (c.GetProperty("key").GetString(), c.GetProperty("version").GetInt32()));
        Assert.Equal(changes.Length, pairs.Distinct().Count());
        var lastByKey = changes.GroupBy(c => c.GetProperty("key").GetString()!).ToDictionary(g => g.Key, g => g.Last());
        Assert.True(lastByKey["Key0"].GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lastByKey["Key0"].GetProperty("value").ValueKind);
        var snapshot = await ReadSnapshotAsync(scope);
        Assert.Equal(39, snapshot.Count);
        foreach (var (key, value) in snapshot)
        {
            Assert.Equal(value, lastByKey[key].GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task ChangeEvent_CarriesAllFields()
    {
        var scope = await fixture.CreateScopeAsync();
        await using var recorder = await fixture.WatchAsync(scope);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        using (var put = await scope.SendAsync(HttpMethod.Put, scope.KeyPath("Db:Timeout"),
            ApiScope.ValueBody("{\n  \"seconds\": 30,\r\n  \"retry\": [1, 2]\n}", "slower database")))
        {
            put.EnsureSuccessStatusCode();
        }

        await recorder.WaitForRevisionAsync(1, Patience);
        var ready = recorder.Events[0];
        Assert.Equal("ready", ready.Type);
        Assert.Equal(0, ready.Json.GetProperty("revision").GetInt64());

        var change = recorder.Events.Single(e => e.Type == "change");
        Assert.Equal("1", change.Id);
        var body = change.Json;
        Assert.Equal(1, body.GetProperty("revision").GetInt64());
        Assert.Equal("config", body.GetProperty("kind").GetString());
        Assert.Equal("Db:Timeout", body.GetProperty("key").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.False(body.GetProperty("deleted").GetBoolean());
        Assert.Equal("slower database", body.GetProperty("comment").GetString());
        Assert.Contains(fixture.Cluster.AdminKeyId, body.GetProperty("actor").GetString());
        var time = body.GetProperty("time").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.AddSeconds(5));

        // A value written over several lines arrives as the same JSON.
        var value = body.GetProperty("value");
        Assert.Equal(30, value.GetProperty("seconds").GetInt32());
        Assert.Equal(2, value.GetProperty("retry").GetArrayLength());
    }

    [Fact]
    public async Task Resume_ReplaysOnlyMissed()
    {
        var scope = await fixture.CreateScopeAsync();
        long seen;
        await using (var recorder = await fixture.WatchAsync(scope))
        {
            await WriteAsync(scope, "A", 5);
            await recorder.WaitForRevisionAsync(5, Patience);
            seen = recorder.LastRevision();
        }

        await WriteAsync(scope, "B", 4);
        var lastEventId = seen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var resumed = await fixture.WatchAsync(scope, lastEventId: lastEventId);
        await using var fromQuery = await fixture.WatchAsync(scope, "?fromRevision=7");
        await WriteAsync(scope, "C", 1);

        await resumed.WaitForRevisionAsync(10, Patience);
        await fromQuery.WaitForRevisionAsync(10, Patience);
        WatchStreams.AssertExactlyOnceInOrder(resumed, 6, 10, "Last-Event-ID");
        WatchStreams.AssertExactlyOnceInOrder(fromQuery, 8, 10, "fromRevision");
    }

    [Fact]
    public async Task Resume_TooOld_SendsResync()
    {
        var scope = await fixture.CreateScopeAsync();
        var changes = WatchClusterFixture.Retention * 2;
        var file = new StringBuilder("{");
        for (var i = 0; i < changes; i++)
        {
            file.Append(i == 0 ? "" : ",").Append($"\"Bulk{i}\": {i}");
        }

        var body = file.Append('}').ToString();
        using (var import = await scope.SendAsync(HttpMethod.Post, scope.EnvironmentPath + "/import", body))
        {
            import.EnsureSuccessStatusCode();
        }

        // The environment trims its log at its next reconcile, every second here.
        await WaitUntilAsync(async () =>
        {
            await using var probe = await fixture.WatchAsync(scope, "?fromRevision=0");
            await probe.WaitForAsync(events => events.Count >= 2, Patience);

            return probe.Events[1].Type == "resync";
        });

        await using var recorder = await fixture.WatchAsync(scope, "?fromRevision=3");
        await recorder.WaitForAsync(events => events.Any(e => e.Type == "resync"), Patience);
        var resync = recorder.Events.Single(e => e.Type == "resync");
        Assert.Equal(changes, resync.Json.GetProperty("revision").GetInt64());
        Assert.True(resync.Json.GetProperty("firstRetained").GetInt64() > 4);
        Assert.Equal(changes.ToString(System.Globalization.CultureInfo.InvariantCulture), resync.Id);

        await WriteAsync(scope, "After", 2);
        await recorder.WaitForRevisionAsync(changes + 2, Patience);
        WatchStreams.AssertExactlyOnceInOrder(recorder, changes + 1, changes + 2, "after resync");
    }

    [Fact]
    public async Task IdleStream_SendsHeartbeats()
    {
        var scope = await fixture.CreateScopeAsync();
        await using var recorder = await fixture.WatchAsync(scope);
        var deadline = DateTime.UtcNow + Patience;
        while (recorder.Heartbeats < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(recorder.Heartbeats >= 3, $"{recorder.Heartbeats} heartbeats");
        Assert.False(recorder.Ended, recorder.Error?.Message);
    }

    [Fact]
    public async Task Prefix_SendsOnlyKeysUnderIt()
    {
        var scope = await fixture.CreateScopeAsync();
        await using var recorder = await fixture.WatchAsync(scope, "?prefix=db:");
        await WriteAsync(scope, "Cache:Size", 1);
        await WriteAsync(scope, "Db:Host", 1);
        await recorder.WaitForRevisionAsync(2, Patience);
        var keys = recorder.Events.Where(e => e.Type == "change").Select(e => e.Json.GetProperty("key").GetString());
        Assert.Equal(["Db:Host"], keys);
    }

    [Fact]
    public async Task Resume_LargestRevision_SendsResync()
    {
        var scope = await fixture.CreateScopeAsync();
        await WriteAsync(scope, "A", 2);
        await using var recorder = await fixture.WatchAsync(scope, "?fromRevision=9223372036854775807");
        await recorder.WaitForAsync(events => events.Any(e => e.Type == "resync"), Patience);
        await WriteAsync(scope, "A", 1);

        await recorder.WaitForRevisionAsync(3, Patience);
        Assert.Equal(2, recorder.Events.Single(e => e.Type == "resync").Json.GetProperty("revision").GetInt64());
        WatchStreams.AssertExactlyOnceInOrder(recorder, 3, 3, "after resync");
    }

    [Fact]
    public async Task RevokedKey_EndsTheStream()
    {
        var scope = await fixture.CreateScopeAsync();
        var (id, key) =
            await Identity.Http.IdentityHttp.CreateKeyAsync(fixture.Cluster.Http, ("viewer", scope.Namespace, null));
        await using var recorder =
            await SseRecorder.StartAsync(fixture.Cluster.ApiAddress, key, scope.EnvironmentPath + "/watch");
        await WriteAsync(scope, "A", 1);
        await recorder.WaitForRevisionAsync(1, Patience);

        using (var revoke = await fixture.Cluster.Http.DeleteAsync($"/v1/keys/{id}"))
        {
            revoke.EnsureSuccessStatusCode();
        }

        await recorder.WaitForAsync(events => events.Any(e => e.Type == "error"), Patience);
        var error = recorder.Events.Single(e => e.Type == "error").Json;
        Assert.Equal(401, error.GetProperty("status").GetInt32());
        var deadline = DateTime.UtcNow + Patience;
        while (!recorder.Ended && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(recorder.Ended, "the stream went on after the key was revoked");
        await WriteAsync(scope, "A", 1);
        Assert.Equal(1, recorder.LastRevision());
    }

    [Theory]
    [InlineData("?fromRevision=abc")]
    [InlineData("?fromRevision=-1")]
    [InlineData("?fromRevision=9%00")]
    [InlineData("?fromRevision=%201")]
    public async Task BadResumeRevision_Returns400NamingIt(string query)
    {
        var scope = await fixture.CreateScopeAsync();
        using var response = await scope.Http.GetAsync(scope.EnvironmentPath + "/watch" + query);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("fromRevision", problem);
    }

    [Fact]
    public async Task UnknownEnvironment_Returns404()
    {
        var scope = await fixture.CreateScopeAsync();
        using var response = await scope.Http.GetAsync($"/v1/namespaces/{scope.Namespace}/environments/nope/watch");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LongPoll_ReturnsOnChange()
    {
        var scope = await fixture.CreateScopeAsync();
        await WriteAsync(scope, "A", 1);
        var poll = LongPollAsync(scope, "\"r1\"", "20s");
        await Task.Delay(500);
        Assert.False(poll.IsCompleted, "the long poll returned before anything changed");
        await WriteAsync(scope, "B", 1);

        using var response = await poll.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"r2\"", response.Headers.ETag?.Tag);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task LongPoll_NothingChanges_Returns304AfterTheWait()
    {
        var scope = await fixture.CreateScopeAsync();
        await WriteAsync(scope, "A", 1);
        var watch = Stopwatch.StartNew();
        using var response = await LongPollAsync(scope, "\"r1\"", "1s");
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"returned after {watch.Elapsed}");
    }

    [Fact]
    public async Task LongPoll_StaleETag_ReturnsAtOnce()
    {
        var scope = await fixture.CreateScopeAsync();
        await WriteAsync(scope, "A", 2);
        using var response = await LongPollAsync(scope, "\"r1\"", "20s").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10h")]
    [InlineData("-5s")]
    [InlineData("61s")]
    public async Task LongPoll_BadWait_Returns400NamingIt(string wait)
    {
        var scope = await fixture.CreateScopeAsync();
        using var response = await LongPollAsync(scope, "\"r0\"", wait);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"wait '{wait}'", problem);
    }

    private static Task<HttpResponseMessage> LongPollAsync(ApiScope scope, string etag, string wait) =>
        scope.SendAsync(HttpMethod.Get, $"{scope.SnapshotPath}?wait={Uri.EscapeDataString(wait)}", null,
            new Header("If-None-Match", etag));

    private static async Task WriteAsync(ApiScope scope, string key, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await scope.PutAsync(key, $"\"{key}-{Guid.NewGuid():N}\"");
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<Dictionary<string, string>> ReadSnapshotAsync(ApiScope scope)
    {
        using var response = await scope.Http.GetAsync(scope.SnapshotPath);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        return body.GetProperty("configs").EnumerateArray().ToDictionary(
            e => e.GetProperty("key").GetString()!, e => e.GetProperty("value").GetString()!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(250);
        }
    }
}
