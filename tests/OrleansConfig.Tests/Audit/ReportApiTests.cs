using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Identity.Http;

namespace OrleansConfig.Tests.Audit;

/// <summary>
/// The content of compliance reports and who may read them, against real silo and api processes. Each
/// test works in a namespace of its own, with one environment, prod.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ReportApiTests(ApiClusterFixture fixture)
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task Report_ListsChangesWithActors()
    {
        var scope = await fixture.CreateScopeAsync();
        var (operatorId, operatorKey) =
            await CreateKeyAsync(fixture, "deployer", ("operator", scope.Namespace, "prod"));
        var deployer = new ApiScope(KeyClient(fixture, operatorKey), scope.Namespace, "prod");
        await scope.WriteAsync("Db:Host", "\"db1\"");
        await deployer.WriteAsync("Db:Host", "\"db2\"");
        await deployer.WriteAsync("Db:Port", "5432");
        using (var delete = await deployer.DeleteAsync("Db:Port"))
        {
            await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);
        }

        var report = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace));
        var changes = report.GetProperty("changes").GetProperty("items").EnumerateArray().ToArray();

        Assert.Equal(4, changes.Length);
        Assert.Equal(["config.create", "config.update", "config.create", "config.delete"],
            changes.Select(c => c.GetProperty("action").GetString()));
        Assert.Equal(["Db:Host", "Db:Host", "Db:Port", "Db:Port"],
            changes.Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(await AdminActorAsync(), changes[0].GetProperty("actor").GetString());
        Assert.All(changes[1..], c => Assert.Equal($"deployer (key {operatorId})", c.GetProperty("actor").GetString()));
        Assert.All(changes, c => Assert.Equal("prod", c.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task Report_CountsChangesPerActor()
    {
        var scope = await fixture.CreateScopeAsync();
        var (operatorId, operatorKey) = await CreateKeyAsync(fixture, "deployer", ("operator", scope.Namespace, null));
        var deployer = new ApiScope(KeyClient(fixture, operatorKey), scope.Namespace, "prod");
        for (var i = 0; i < 3; i++)
        {
            await deployer.WriteAsync("Limit", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await scope.WriteAsync("Other", "true");

        var changes = (await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace))).GetProperty("changes");
        var byActor = changes.GetProperty("byActor").EnumerateArray()
            .ToDictionary(a => a.GetProperty("actor").GetString()!, a => a.GetProperty("changes").GetInt32());

        Assert.Equal(4, changes.GetProperty("total").GetInt32());
        Assert.Equal(2, byActor.Count);
        Assert.Equal(3, byActor[$"deployer (key {operatorId})"]);
        Assert.Equal(1, byActor[await AdminActorAsync()]);
        Assert.Equal(changes.GetProperty("total").GetInt32(), byActor.Values.Sum());
    }

    [Fact]
    public async Task Report_EnvironmentFilterLeavesOutOthers()
    {
        var scope = await fixture.CreateScopeAsync();
        using (var create = await fixture.Http.PutAsync($"/v1/namespaces/{scope.Namespace}/environments/dev", null))
        {
            await HttpAssert.StatusAsync(create, HttpStatusCode.Created);
        }

        var dev = new ApiScope(fixture.Http, scope.Namespace, "dev");
        await scope.WriteAsync("Mode", "\"prod\"");
        await dev.WriteAsync("Mode", "\"dev\"");

        var prodOnly = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace) + "&environment=prod");
        var all = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace));

        Assert.Equal("prod", prodOnly.GetProperty("environment").GetString());
        Assert.Equal(["prod"], Items(prodOnly, "changes").Select(c => c.GetProperty("environment").GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("environment").ValueKind);
        Assert.Equal(["prod", "dev"], Items(all, "changes").Select(c => c.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task Report_PeriodIncludesFromExcludesTo()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Step", "1");
        var between = DateTimeOffset.UtcNow;
        await scope.WriteAsync("Step", "2");
        var end = DateTimeOffset.UtcNow.AddMinutes(1);

        var before = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace, _start, between));
        var after = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace, between, end));

        Assert.Equal([1], Items(before, "changes").Select(c => c.GetProperty("versionAfter").GetInt32()));
        Assert.Equal([2], Items(after, "changes").Select(c => c.GetProperty("versionAfter").GetInt32()));
    }

    [Fact]
    public async Task Report_ViewerGets403()
    {
        var scope = await fixture.CreateScopeAsync();
        var (_, viewerKey) = await CreateKeyAsync(fixture, "reader", ("viewer", scope.Namespace, null));

        using var response = await KeyClient(fixture, viewerKey).GetAsync(ReportPath(scope.Namespace));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);

        Assert.Contains("admin or auditor role", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EnvironmentAuditorGets403()
    {
        var scope = await fixture.CreateScopeAsync();
        var (_, auditorKey) = await CreateKeyAsync(fixture, "prod-auditor", ("auditor", scope.Namespace, "prod"));

        using var response = await KeyClient(fixture, auditorKey)
            .GetAsync(ReportPath(scope.Namespace) + "&environment=prod");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);

        Assert.Contains("whole namespace", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OtherNamespaceAuditorGets403()
    {
        var scope = await fixture.CreateScopeAsync();
        var (_, auditorKey) = await CreateKeyAsync(fixture, "elsewhere", ("auditor", "ns-elsewhere", null));

        using var response = await KeyClient(fixture, auditorKey).GetAsync(ReportPath(scope.Namespace));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Report_NamespaceAuditorGets200()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Feature", "true");
        var (_, auditorKey) = await CreateKeyAsync(fixture, "auditor", ("auditor", scope.Namespace, null));

        var report = await GetJsonAsync(KeyClient(fixture, auditorKey), ReportPath(scope.Namespace));

        Assert.Equal(scope.Namespace, report.GetProperty("namespace").GetString());
        Assert.Equal(1, report.GetProperty("changes").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Report_IsAuditedAsAuditReport()
    {
        var scope = await fixture.CreateScopeAsync();
        var (auditorId, auditorKey) = await CreateKeyAsync(fixture, "auditor", ("auditor", scope.Namespace, null));
        await GetJsonAsync(KeyClient(fixture, auditorKey), ReportPath(scope.Namespace) + "&format=json");

        var log = await GetJsonAsync(fixture.Http, $"/v1/audit?namespace={scope.Namespace}&action=audit.report");
        var records = log.GetProperty("records").EnumerateArray().ToArray();

        var record = Assert.Single(records);
        Assert.Equal($"auditor (key {auditorId})", record.GetProperty("actor").GetString());
        Assert.Equal(scope.Namespace, record.GetProperty("chain").GetString());
        Assert.Contains("format=json", record.GetProperty("summary").GetProperty("query").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ListsIdentitiesWithGrantsOnScope()
    {
        var scope = await fixture.CreateScopeAsync();
        var (prodId, prodKey) = await CreateKeyAsync(fixture, "prod-operator", ("operator", scope.Namespace, "prod"));
        var (revokedId, _) = await CreateKeyAsync(fixture, "former", ("admin", scope.Namespace, null));
        var (otherId, _) = await CreateKeyAsync(fixture, "other", ("admin", "ns-other", null));
        using (var revoke = await fixture.Http.DeleteAsync($"/v1/keys/{revokedId}"))
        {
            await HttpAssert.StatusAsync(revoke, HttpStatusCode.OK);
        }

        using var response = await fixture.Http.GetAsync(ReportPath(scope.Namespace));
        var text = await response.Content.ReadAsStringAsync();
        var report = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var identities = Items(report, "identities").ToDictionary(i => i.GetProperty("id").GetString()!);

        Assert.True(identities.ContainsKey(fixture.Cluster.AdminKeyId), "the global admin key is missing");
        Assert.Equal("operator", identities[prodId].GetProperty("grants")[0].GetProperty("role").GetString());
        Assert.Equal("prod", identities[prodId].GetProperty("grants")[0].GetProperty("environment").GetString());
        Assert.Equal("key", identities[prodId].GetProperty("kind").GetString());
        Assert.Equal("revoked", identities[revokedId].GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, identities[revokedId].GetProperty("revokedAt").ValueKind);
        Assert.False(identities.ContainsKey(otherId), "a key with grants only on another namespace is listed");
        Assert.DoesNotContain(prodKey.Split('_')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Report_VerifiesNamespaceChain()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("A", "1");

        var chain = (await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace))).GetProperty("chain");

        Assert.Equal(scope.Namespace, chain.GetProperty("chain").GetString());
        Assert.True(chain.GetProperty("intact").GetBoolean(), chain.GetProperty("summary").GetString());
        Assert.True(chain.GetProperty("records").GetInt64() >= 3, $"too few records checked: {chain}");
    }

    [Fact]
    public async Task Report_ExplainsEmptySecretAndStaleSections()
    {
        var scope = await fixture.CreateScopeAsync();

        var report = await GetJsonAsync(fixture.Http, ReportPath(scope.Namespace));
        var reveals = report.GetProperty("secretReveals");

        Assert.Equal(0, reveals.GetProperty("total").GetInt32());
        Assert.Empty(reveals.GetProperty("items").EnumerateArray());
        Assert.Equal("None recorded in the period.", reveals.GetProperty("note").GetString());
        var staleNote = report.GetProperty("staleItems").GetProperty("note").GetString();
        Assert.Contains("secret-rotations?overdue=true", staleNote, StringComparison.Ordinal);
    }

    /// <summary>Creates a key through <c>POST /v1/keys</c> as the admin, and returns its id and full key.</summary>
    internal static Task<(string Id, string Key)> CreateKeyAsync(ApiClusterFixture fixture, string name,
        params (string Role, string? Namespace, string? Environment)[] grants) =>
        IdentityHttp.CreateKeyAsync(fixture.Http, new
        {
            name,
            grants = grants.Select(g => new { role = g.Role, @namespace = g.Namespace, environment = g.Environment }),
        });

    internal static HttpClient KeyClient(ApiClusterFixture fixture, string key)
    {
        var client = new HttpClient { BaseAddress = fixture.Cluster.ApiAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        return client;
    }

    /// <summary>Returns the report path for a period that covers the whole test.</summary>
    internal static string ReportPath(string ns) =>
        ReportPath(ns, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));

    internal static string ReportPath(string ns, DateTimeOffset from, DateTimeOffset to) =>
        $"/v1/audit/reports/{ns}?from={Uri.EscapeDataString(from.ToString("O"))}"
        + $"&to={Uri.EscapeDataString(to.ToString("O"))}";

    /// <summary>Returns the admin key's actor as changes record it: its name and key id.</summary>
    private async Task<string> AdminActorAsync()
    {
        var me = await GetJsonAsync(fixture.Http, "/v1/me");

        return $"{me.GetProperty("name").GetString()} (key {fixture.Cluster.AdminKeyId})";
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private static IEnumerable<JsonElement> Items(JsonElement report, string section) =>
        report.GetProperty(section).GetProperty("items").EnumerateArray();
}
