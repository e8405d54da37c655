using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Schemas.SchemaRequests;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// Desired-state plans against real silo and api processes. A plan lists create, update, delete and unchanged
/// with old and new values, and applying it makes the environment match as one change set. An apply after a
/// concurrent change, or of a value that fails its schema, changes nothing.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class PlanApplyTests(ApiClusterFixture fixture)
{
    private const string Desired = """
        configuration:
          Mode: blue
          Limits:
            MaxItems: 10
          Payments:Gateway:
            host: pay
        flags:
          checkout:
            state: ENABLED
            variants: {on: true, off: false}
            defaultVariant: off
        """;

    [Fact]
    public async Task PlanAndApply_RoundTrip()
    {
        var scope = await PrepareAsync();

        var plan = await PlanAsync(scope, Desired);
        var items = Items(plan);
        using var response = await ApplyAsync(scope, plan);
        var applied = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var again = await PlanAsync(scope, Desired);
        using var stored = await scope.GetAsync($"{scope.EnvironmentPath}/plans/{PlanId(plan)}");
        var storedPlan = await HttpAssert.JsonAsync(stored, HttpStatusCode.OK);

        Assert.Equal("update", items["Mode"].GetProperty("action").GetString());
        Assert.Equal("green", items["Mode"].GetProperty("old").GetString());
        Assert.Equal("blue", items["Mode"].GetProperty("new").GetString());
        Assert.Equal("unchanged", items["Limits:MaxItems"].GetProperty("action").GetString());
        Assert.Equal("create", items["Payments:Gateway:host"].GetProperty("action").GetString());
        Assert.Equal("pay", items["Payments:Gateway:host"].GetProperty("new").GetString());
        Assert.Equal("delete", items["Legacy"].GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, items["Legacy"].GetProperty("new").ValueKind);
        Assert.Equal("create", items["checkout"].GetProperty("action").GetString());
        Assert.Equal(4, applied.GetProperty("changed").GetInt32());
        Assert.Equal(0, Summary(again, "create") + Summary(again, "update") + Summary(again, "delete"));
        Assert.Equal(4, Summary(again, "unchanged"));
        Assert.Equal("blue", (await scope.ReadAsync("Mode")).GetProperty("value").GetString());
        Assert.Equal(applied.GetProperty("changeSet").GetString(),
            storedPlan.GetProperty("appliedChangeSet").GetString());
    }

    [Fact]
    public async Task Apply_RefusedAfterConcurrentChange()
    {
        var scope = await PrepareAsync();
        var plan = await PlanAsync(scope, Desired);
        await scope.WriteAsync("Unrelated", "1");

        using var response = await ApplyAsync(scope, plan);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Contains("moved", detail, StringComparison.Ordinal);
        Assert.Contains("Unrelated", detail, StringComparison.Ordinal);
        Assert.Equal("green", (await scope.ReadAsync("Mode")).GetProperty("value").GetString());
        Assert.Equal("old", (await scope.ReadAsync("Legacy")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Apply_SecondTimeRefused()
    {
        var scope = await PrepareAsync();
        var plan = await PlanAsync(scope, Desired);
        using var first = await ApplyAsync(scope, plan);
        await HttpAssert.StatusAsync(first, HttpStatusCode.OK);

        using var second = await ApplyAsync(scope, plan);
        var detail = await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict);

        Assert.Contains("already applied", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WithInvalidValueRefused()
    {
        var scope = await PrepareAsync();
        await AttachAsync(scope, "Limits:*", """{"type": "integer", "maximum": 20}""", "prod");

        using var response = await SendPlanAsync(scope, Desired.Replace("MaxItems: 10", "MaxItems: 30"));
        var violations = await ViolationsAsync(response);

        Assert.Equal("Limits:MaxItems", Single(violations, "$", "maximum").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Apply_ChecksSchemasAgain()
    {
        var scope = await PrepareAsync();
        var plan = await PlanAsync(scope, Desired);
        using var attach = await SendPutAsync(scope, "Payments:*", """{"type": "integer"}""", "prod");
        await HttpAssert.StatusAsync(attach, HttpStatusCode.Created);
        var before = (await scope.ReadSnapshotAsync()).GetProperty("revision").GetInt64();

        using var response = await ApplyAsync(scope, plan);
        var violations = await ViolationsAsync(response);
        var after = (await scope.ReadSnapshotAsync()).GetProperty("revision").GetInt64();

        Assert.Equal("Payments:Gateway:host", Single(violations, "$", "type").GetProperty("key").GetString());
        Assert.Equal(before, after);
        Assert.Equal("green", (await scope.ReadAsync("Mode")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Plan_InvalidUtf8IsBadRequest()
    {
        var scope = await PrepareAsync();
        var file = Encoding.UTF8.GetBytes("""{"configuration": {"A": "xy"}}""");
        file[26] = 0xFF;

        using var response = await scope.Http.PostAsync($"{scope.EnvironmentPath}/plan?format=json",
            new ByteArrayContent(file));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8 at byte 27", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OfJsonFileLeavesFlagsUnmanaged()
    {
        var scope = await PrepareAsync();

        var plan = await PlanAsync(scope, """{"configuration": {"Mode": "green", "Limits": {"MaxItems": 10}}}""",
            "json");

        Assert.Equal(1, Summary(plan, "delete"));
        Assert.Equal(2, Summary(plan, "unchanged"));
        Assert.DoesNotContain(plan.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("kind").GetString() == "flag");
    }

    [Theory]
    [InlineData("configuration:\n  Mode: blue\nsecrets:\n  Token: x\n", "'secrets:Token'")]
    [InlineData("flags:\n  broken:\n    state: ENABLED\n", "not a valid flag document")]
    [InlineData("- just\n- a list\n", "mapping")]
    public async Task Plan_OfBadFileIsBadRequest(string file, string expected)
    {
        var scope = await PrepareAsync();

        using var response = await SendPlanAsync(scope, file);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    private async Task<ApiScope> PrepareAsync()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"green\"");
        await scope.WriteAsync("Limits:MaxItems", "10");
        await scope.WriteAsync("Legacy", "\"old\"");

        return scope;
    }

    public static Task<HttpResponseMessage> SendPlanAsync(ApiScope scope, string file, string format = "yaml")
    {
        return scope.Http.PostAsync($"{scope.EnvironmentPath}/plan?format={format}",
            new StringContent(file, Encoding.UTF8));
    }

    public static async Task<JsonElement> PlanAsync(ApiScope scope, string file, string format = "yaml")
    {
        using var response = await SendPlanAsync(scope, file, format);

        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> ApplyAsync(ApiScope scope, JsonElement plan) =>
        scope.SendAsync(HttpMethod.Post, scope.EnvironmentPath + "/apply", $"{{\"planId\": \"{PlanId(plan)}\"}}");

    private static string PlanId(JsonElement plan) => plan.GetProperty("planId").GetString()!;

    private static int Summary(JsonElement plan, string action) =>
        plan.GetProperty("summary").GetProperty(action).GetInt32();

    private static Dictionary<string, JsonElement> Items(JsonElement plan) => plan.GetProperty("items")
        .EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i);
}
