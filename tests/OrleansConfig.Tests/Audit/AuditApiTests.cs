using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Identity.Http;

using OrleansConfig.Tests.Changes;

namespace OrleansConfig.Tests.Audit;

/// <summary>The audit api against real silo and api processes.</summary>
public sealed class AuditApiTests(WatchClusterFixture fixture) : IClassFixture<WatchClusterFixture>
{
    [Fact]
    public async Task Change_RecordedWithActorRequestAndValueHash()
    {
        var scope = await fixture.CreateScopeAsync();
        using (var put = await scope.PutAsync("Db:Password", "\"hunter2-plain\""))
        {
            put.EnsureSuccessStatusCode();
        }

        var records = await QueryAsync(fixture.Cluster.Http, $"namespace={scope.Namespace}&resource=Db:Password");

        var record = Assert.Single(records);
        Assert.Equal("config.create", record.GetProperty("action").GetString());
        Assert.Equal(scope.Namespace, record.GetProperty("chain").GetString());
        Assert.Equal("prod", record.GetProperty("environment").GetString());
        Assert.Equal(1, record.GetProperty("versionAfter").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("versionBefore").ValueKind);
        Assert.Equal($"key {fixture.Cluster.AdminKeyId}", record.GetProperty("credential").GetString());
        Assert.Contains(fixture.Cluster.AdminKeyId, record.GetProperty("actor").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("requestId").GetString()));
        Assert.Equal("127.0.0.1", record.GetProperty("clientAddress").GetString());
        var summary = record.GetProperty("summary");
        Assert.Matches("^[0-9a-f]{32}$", summary.GetProperty("valueHash").GetString());
        Assert.Equal(15, summary.GetProperty("valueBytes").GetInt32());
        Assert.DoesNotContain("hunter2", record.GetRawText());
    }

    [Fact]
    public async Task EqualValues_HaveEqualHashes()
    {
        var scope = await fixture.CreateScopeAsync();
        foreach (var value in new[] { "\"one\"", "\"two\"", "\"one\"" })
        {
            using var put = await scope.PutAsync("Mode", value);
            put.EnsureSuccessStatusCode();
        }

        var hashes = (await QueryAsync(fixture.Cluster.Http, $"namespace={scope.Namespace}&resource=Mode"))
            .Select(r => r.GetProperty("summary").GetProperty("valueHash").GetString()).ToArray();

        Assert.Equal(3, hashes.Length);
        Assert.Equal(hashes[0], hashes[2]);
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task Pages_CoverEveryRecordOnce()
    {
        var scope = await fixture.CreateScopeAsync();
        for (var i = 0; i < 5; i++)
        {
            using var put = await scope.PutAsync($"Paged{i}", "1");
            put.EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var query = $"/v1/audit?namespace={scope.Namespace}&action=config.create&limit=2"
                + (next is null ? "" : $"&after={next}");
            using var response = await fixture.Cluster.Http.GetAsync(query);
            var body = await IdentityHttp.ReadAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(body.GetProperty("records").EnumerateArray()
                .Select(r => r.GetProperty("resource").GetString()!));
            next = body.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["Paged4", "Paged3", "Paged2", "Paged1", "Paged0"], seen);
    }

    [Fact]
    public async Task Export_NdjsonAndCsv()
    {
        var scope = await fixture.CreateScopeAsync();
        for (var i = 0; i < 3; i++)
        {
            using var put = await scope.PutAsync($"Export{i}", "\"a,b\\\"c\"");
            put.EnsureSuccessStatusCode();
        }

        using var ndjson = await fixture.Cluster.Http.GetAsync(
            $"/v1/audit?namespace={scope.Namespace}&action=config.create&format=ndjson");
        using var csv = await fixture.Cluster.Http.GetAsync(
            $"/v1/audit?namespace={scope.Namespace}&action=config.create&format=csv");

        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Export0", "Export1", "Export2"],
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("resource").GetString()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,chain,seq,time,actor", rows[0]);
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public async Task Access_AdminsAndAuditorsOnly()
    {
        var scope = await fixture.CreateScopeAsync();
        var admin = fixture.Cluster.Http;
        var (_, viewer) = await IdentityHttp.CreateKeyAsync(admin, ("viewer", scope.Namespace, null));
        var (_, nsAdmin) = await IdentityHttp.CreateKeyAsync(admin, ("admin", scope.Namespace, null));
        var (_, auditor) = await IdentityHttp.CreateKeyAsync(admin, ("auditor", scope.Namespace, null));
        var (_, otherAuditor) = await IdentityHttp.CreateKeyAsync(admin, ("auditor", "elsewhere", null));
        var inScope = $"/v1/audit?namespace={scope.Namespace}";

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(viewer, inScope));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(nsAdmin, inScope));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(auditor, inScope));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(otherAuditor, inScope));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(nsAdmin, "/v1/audit"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Cluster.AdminKey, "/v1/audit?limit=1"));

        // An auditor reads configuration but may not change it.
        using var auditorClient = fixture.Client(auditor);
        using var write = await auditorClient.PutAsync(scope.KeyPath("X"), new StringContent("{\"value\": 1}",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Reads_AreAudited()
    {
        var scope = await fixture.CreateScopeAsync();
        var (auditorId, auditor) =
            await IdentityHttp.CreateKeyAsync(fixture.Cluster.Http, ("auditor", scope.Namespace, null));
        Assert.Equal(HttpStatusCode.OK,
            await StatusAsync(auditor, $"/v1/audit?namespace={scope.Namespace}&action=config.update"));

        var reads = await QueryAsync(fixture.Cluster.Http,
            $"namespace={scope.Namespace}&action=audit.read&actor={auditorId}");

        var read = Assert.Single(reads);
        Assert.Contains("action=config.update", read.GetProperty("summary").GetProperty("query").GetString());
    }

    [Fact]
    public async Task Verify_ReportsIntactChain()
    {
        var scope = await fixture.CreateScopeAsync();
        using (var put = await scope.PutAsync("A", "1"))
        {
            put.EnsureSuccessStatusCode();
        }

        using var response =
            await fixture.Cluster.Http.PostAsync($"/v1/audit/verify?namespace={scope.Namespace}", null);
        var body = await IdentityHttp.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("intact").GetBoolean(), body.GetRawText());
        var records = body.GetProperty("records").GetInt64();
        Assert.True(records >= 4, body.GetRawText());
        Assert.Equal($"intact up to record {records}", body.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task NoSecretOrValue_InAnyRow()
    {
        var scope = await fixture.CreateScopeAsync();
        const string value = "value-that-must-not-be-audited-7f3a";
        using (var put = await scope.PutAsync("Secretish", $"\"{value}\""))
        {
            put.EnsureSuccessStatusCode();
        }

        var (_, key) = await IdentityHttp.CreateKeyAsync(fixture.Cluster.Http, ("viewer", scope.Namespace, null));
        var keySecret = key.Split('_')[2];
        var adminSecret = fixture.Cluster.AdminKey.Split('_')[2];

        var rows = await AuditDatabase.AllTextAsync(fixture.Cluster.ServiceId);

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Contains(keySecret, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Contains(adminSecret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=yesterday", "from 'yesterday'")]
    [InlineData("limit=5000", "limit '5000'")]
    [InlineData("format=xml", "format 'xml'")]
    [InlineData("after=abc", "after 'abc'")]
    [InlineData("environment=prod", "environment 'prod' needs a namespace")]
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "is not after from")]
    public async Task BadParameter_Returns400NamingIt(string query, string expected)
    {
        using var response = await fixture.Cluster.Http.GetAsync($"/v1/audit?{query}");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem);
    }

    private async Task<HttpStatusCode> StatusAsync(string key, string path)
    {
        using var client = fixture.Client(key);
        using var response = await client.GetAsync(path);

        return response.StatusCode;
    }

    private static async Task<List<JsonElement>> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync($"/v1/audit?{query}&limit=1000");
        var body = await IdentityHttp.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());

        return [.. body.GetProperty("records").EnumerateArray()];
    }
}
