using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Schemas.SchemaRequests;

namespace OrleansConfig.Tests.Schemas;

/// <summary>
/// Tightening a schema: the existing values that fail it are reported per environment before saving (a dry run),
/// the save is refused while they exist, and a forced save is audited and reports them after saving.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SchemaDriftTests(ApiClusterFixture fixture)
{
    private const string Loose = """{"type": "integer"}""";
    private const string Tight = """{"type": "integer", "maximum": 100}""";

    [Fact]
    public async Task DryRun_ReportsEachEnvironment()
    {
        var scope = await PrepareAsync();

        using var response = await SendPutAsync(scope, "Limits:*", Tight, query: "dryRun=true");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var current = await ReadSchemaAsync(scope);

        Assert.False(body.GetProperty("saved").GetBoolean());
        var drift = body.GetProperty("drift");
        Assert.Equal(3, drift.GetProperty("invalidValues").GetInt32());
        var prod = Environment(drift, "prod");
        var staging = Environment(drift, "staging");
        Assert.Equal(["Limits:MaxCarts", "Limits:MaxItems"], Keys(prod));
        Assert.Equal(["Limits:MaxItems"], Keys(staging));
        Assert.Equal(2, staging.GetProperty("keysChecked").GetInt32());
        var violation = prod.GetProperty("violations")[0];
        Assert.Equal("maximum", violation.GetProperty("rule").GetString());
        Assert.Equal("$", violation.GetProperty("path").GetString());
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Tightening_RefusedWhileValuesFail()
    {
        var scope = await PrepareAsync();

        using var response = await SendPutAsync(scope, "Limits:*", Tight);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Conflict);
        var current = await ReadSchemaAsync(scope);

        Assert.Contains("force=true", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, body.GetProperty("drift").GetProperty("invalidValues").GetInt32());
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.False(current.GetProperty("schema").TryGetProperty("maximum", out _));
    }

    [Fact]
    public async Task ForcedTightening_SavedAuditedAndReported()
    {
        var scope = await PrepareAsync();

        using var response = await SendPutAsync(scope, "Limits:*", Tight, query: "force=true");
        var saved = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        using var driftResponse = await scope.GetAsync(SchemaPath(scope, "Limits:*") + "/drift");
        var after = (await HttpAssert.JsonAsync(driftResponse, HttpStatusCode.OK)).GetProperty("drift");
        var record = await LatestSchemaRecordAsync(scope);

        Assert.True(saved.GetProperty("forced").GetBoolean());
        Assert.Equal(3, saved.GetProperty("invalidValues").GetInt32());
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal(3, after.GetProperty("invalidValues").GetInt32());
        Assert.Equal(["Limits:MaxItems"], Keys(Environment(after, "staging")));
        Assert.Equal("schema.update", record.GetProperty("action").GetString());
        Assert.Equal("true", record.GetProperty("summary").GetProperty("forced").GetString());
        Assert.Equal("3", record.GetProperty("summary").GetProperty("invalidValues").GetString());
    }

    [Fact]
    public async Task EnvironmentSchema_ChecksOnlyItsEnvironment()
    {
        var scope = await PrepareAsync();

        using var response = await SendPutAsync(scope, "Limits:*", Tight, "staging", "dryRun=true");
        var drift = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("drift");

        var only = Assert.Single(drift.GetProperty("environments").EnumerateArray());
        Assert.Equal("staging", only.GetProperty("environment").GetString());
        Assert.Equal(1, drift.GetProperty("invalidValues").GetInt32());
    }

    /// <summary>
    /// Writes limits in prod (two above 100) and staging (one above 100) under a schema that allows them.
    /// </summary>
    private async Task<ApiScope> PrepareAsync()
    {
        var scope = await fixture.CreateScopeAsync();
        await CreateEnvironmentAsync(scope, "staging");
        await AttachAsync(scope, "Limits:*", Loose);
        await scope.WriteAsync("Limits:MaxItems", "500");
        await scope.WriteAsync("Limits:MaxCarts", "200");
        await scope.WriteAsync("Limits:MaxUsers", "50");
        await WriteInAsync(scope, "staging", "Limits:MaxItems", "1000");
        await WriteInAsync(scope, "staging", "Limits:MaxCarts", "20");

        return scope;
    }

    private static async Task<JsonElement> ReadSchemaAsync(ApiScope scope)
    {
        using var response = await scope.GetAsync(SchemaPath(scope, "Limits:*"));

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<JsonElement> LatestSchemaRecordAsync(ApiScope scope)
    {
        var query = $"namespace={scope.Namespace}&resource={Uri.EscapeDataString("Limits:*")}&action=schema.update";
        using var response = await scope.GetAsync($"/v1/audit?{query}");
        var records = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("records");

        return records[0];
    }

    private static JsonElement Environment(JsonElement drift, string name) => drift.GetProperty("environments")
        .EnumerateArray().Single(e => e.GetProperty("environment").GetString() == name);

    private static string[] Keys(JsonElement environment) => environment.GetProperty("violations").EnumerateArray()
        .Select(v => v.GetProperty("key").GetString()!).Distinct().Order(StringComparer.Ordinal).ToArray();
}
