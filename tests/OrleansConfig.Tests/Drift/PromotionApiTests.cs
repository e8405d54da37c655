using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Schemas.SchemaRequests;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// The diff and promotion endpoints against real silo and api processes: a chosen subset is promoted as one
/// audited change set, an invalid value refuses the whole promotion, and a copy leaves no difference.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class PromotionApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Diff_ListsDifferencesOverHttp()
    {
        var scope = await PrepareAsync();

        var diff = await DiffAsync(scope);

        Assert.False(diff.GetProperty("identical").GetBoolean());
        var configs = diff.GetProperty("configs");
        Assert.Equal(["Limits:MaxItems", "Mode"], Keys(configs.GetProperty("different")));
        Assert.Equal(["Fresh"], Keys(configs.GetProperty("onlyInFrom")));
        Assert.Equal(["Legacy"], Keys(configs.GetProperty("onlyInTo")));
        var mode = configs.GetProperty("different").EnumerateArray()
            .Single(d => d.GetProperty("key").GetString() == "Mode");
        Assert.Equal("blue", mode.GetProperty("from").GetProperty("value").GetString());
        Assert.Equal("green", mode.GetProperty("to").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Diff_WithoutEnvironmentsIsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.GetAsync($"/v1/namespaces/{scope.Namespace}/diff?from=staging");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Promote_SubsetAsOneAuditedChange()
    {
        var scope = await PrepareAsync();
        var before = (await scope.ReadSnapshotAsync()).GetProperty("revision").GetInt64();

        using var response = await PromoteAsync(scope, """{"from": "staging", "keys": ["Mode", "Fresh"]}""");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var mode = await scope.ReadAsync("Mode");
        var limits = await scope.ReadAsync("Limits:MaxItems");
        var changeSet = body.GetProperty("changeSet").GetString()!;
        var records = await AuditAsync(scope, $"resource={changeSet}");

        Assert.Equal(before + 2, body.GetProperty("revision").GetInt64());
        Assert.Equal(2, body.GetProperty("changed").GetInt32());
        Assert.Equal("blue", mode.GetProperty("value").GetString());
        Assert.Equal(50, limits.GetProperty("value").GetInt32());
        var record = Assert.Single(records);
        Assert.Equal("changeset.promote", record.GetProperty("action").GetString());
        Assert.Equal("staging", record.GetProperty("summary").GetProperty("source").GetString());
        Assert.Equal("1", record.GetProperty("summary").GetProperty("created").GetString());
        Assert.Equal("1", record.GetProperty("summary").GetProperty("updated").GetString());
    }

    [Fact]
    public async Task Promote_InvalidValueChangesNothing()
    {
        var scope = await PrepareAsync();
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "maximum": 100}""", "prod");
        var before = await scope.ReadSnapshotAsync();

        using var response = await PromoteAsync(scope, """{"from": "staging"}""");
        var violations = await ViolationsAsync(response);
        var after = await scope.ReadSnapshotAsync();

        var violation = Single(violations, "$", "maximum");
        Assert.Equal("Limits:MaxItems", violation.GetProperty("key").GetString());
        Assert.Equal("500", violation.GetProperty("value").GetRawText());
        Assert.Equal(before.GetProperty("revision").GetInt64(), after.GetProperty("revision").GetInt64());
        Assert.Equal("green", (await scope.ReadAsync("Mode")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Promote_EverythingLeavesNoDifference()
    {
        var scope = await PrepareAsync();

        using var response = await PromoteAsync(scope, """{"from": "staging", "deleteMissing": true}""");
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        var diff = await DiffAsync(scope);

        Assert.True(diff.GetProperty("identical").GetBoolean(), diff.GetRawText());
    }

    [Fact]
    public async Task Promote_AtStaleRevisionRefused()
    {
        var scope = await PrepareAsync();
        var revision = (await scope.ReadSnapshotAsync()).GetProperty("revision").GetInt64();
        await scope.WriteAsync("Unrelated", "1");

        using var response = await PromoteAsync(scope,
            $$"""{"from": "staging", "keys": ["Mode"], "expectedRevision": {{revision}}}""");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Contains("moved", detail, StringComparison.Ordinal);
        Assert.Equal("green", (await scope.ReadAsync("Mode")).GetProperty("value").GetString());
    }

    /// <summary>
    /// Writes Same in both environments, Mode and Limits:MaxItems with different values, Fresh only in staging
    /// and Legacy only in prod.
    /// </summary>
    private async Task<ApiScope> PrepareAsync()
    {
        var scope = await fixture.CreateScopeAsync();
        await CreateEnvironmentAsync(scope, "staging");
        await WriteInAsync(scope, "staging", "Same", "1");
        await WriteInAsync(scope, "staging", "Mode", "\"blue\"");
        await WriteInAsync(scope, "staging", "Limits:MaxItems", "500");
        await WriteInAsync(scope, "staging", "Fresh", "true");
        await scope.WriteAsync("Same", "1");
        await scope.WriteAsync("Mode", "\"green\"");
        await scope.WriteAsync("Limits:MaxItems", "50");
        await scope.WriteAsync("Legacy", "\"old\"");

        return scope;
    }

    private static async Task<JsonElement> DiffAsync(ApiScope scope)
    {
        using var response = await scope.GetAsync($"/v1/namespaces/{scope.Namespace}/diff?from=staging&to=prod");

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> PromoteAsync(ApiScope scope, string body) =>
        scope.SendAsync(HttpMethod.Post, scope.EnvironmentPath + "/promote", body);

    private static string[] Keys(JsonElement items) =>
        items.EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToArray();
}
