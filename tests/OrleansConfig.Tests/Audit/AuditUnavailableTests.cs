using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Identity.Http;

using OrleansConfig.Tests.Changes;

namespace OrleansConfig.Tests.Audit;

/// <summary>
/// The audit table made unwritable for one namespace's chain (a trigger rejects its inserts): changes
/// there fail with 503 and are not made, other namespaces and every read keep working, and once the
/// table accepts rows again every change that was made has its record.
/// </summary>
public sealed class AuditUnavailableTests(WatchClusterFixture fixture) : IClassFixture<WatchClusterFixture>
{
    [Fact]
    public async Task UnwritableScope_RefusesChangesThereOnly()
    {
        var blocked = await fixture.CreateScopeAsync();
        var other = await fixture.CreateScopeAsync();
        using (var first = await blocked.PutAsync("Limit", "1"))
        {
            first.EnsureSuccessStatusCode();
        }

        var trigger = "test_block_" + blocked.Namespace.Replace('-', '_');
        await AuditDatabase.ExecuteScriptAsync($"""
            CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit store offline for %', NEW.chain; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER {trigger} BEFORE INSERT ON orleansconfig_audit FOR EACH ROW
                WHEN (NEW.chain = '{blocked.Namespace}') EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            // The change in flight when the store failed is made but not acknowledged.
            using var failed = await blocked.PutAsync("Limit", "2");
            await AssertAuditUnavailableAsync(failed);

            // Later changes are refused before they are made.
            using var refused = await blocked.PutAsync("Limit", "3");
            await AssertAuditUnavailableAsync(refused);
            Assert.Equal(2, await VersionAsync(blocked, "Limit"));

            using var elsewhere = await other.PutAsync("Limit", "1");
            Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
            using var read = await blocked.GetAsync(blocked.KeyPath("Limit"));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            using var ready = await fixture.Cluster.Http.GetAsync("/health/ready");
            var health = await IdentityHttp.ReadAsync(ready);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var audit = health.GetProperty("checks").GetProperty("audit");
            Assert.Equal("Degraded", audit.GetProperty("status").GetString());
            Assert.Contains("audit backlog: 1 ", audit.GetProperty("description").GetString());
        }
        finally
        {
            await AuditDatabase.ExecuteScriptAsync(
                $"DROP TRIGGER {trigger} ON orleansconfig_audit; DROP FUNCTION {trigger}();");
        }

        using (var recovered = await blocked.PutAsync("Limit", "4"))
        {
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        }

        var versions = await AuditDatabase.QueryAsync(
            "SELECT version_after FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND resource = 'Limit' "
            + "ORDER BY seq", r => r.GetInt32(0), fixture.Cluster.ServiceId, blocked.Namespace);
        Assert.Equal([1, 2, 3], versions);
    }

    private static async Task AssertAuditUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("audit log", JsonSerializer.Deserialize<JsonElement>(body).GetProperty("detail").GetString());
    }

    private static async Task<int> VersionAsync(Api.ApiScope scope, string key)
    {
        using var response = await scope.GetAsync(scope.KeyPath(key));
        var body = await IdentityHttp.ReadAsync(response);

        return body.GetProperty("version").GetInt32();
    }
}
