using System.Net;
using System.Text.Json;
using OrleansConfig.Flags;
using static OrleansConfig.Tests.Flags.Ofrep.OfrepAssert;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// The single and bulk OFREP responses for each kind of flag and outcome: their status, members,
/// reasons and error codes, and that they match the engine's own resolution of the same flags.
/// </summary>
[Collection(OfrepApiCollection.Name)]
public sealed class OfrepEvaluationTests(OfrepApiFixture fixture) : IAsyncLifetime
{
    /// <summary>The flags of the environment, as stored documents (flagd definitions plus extras).</summary>
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["banner"] = """
            {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on",
             "metadata": {"team": "web", "rank": 3}, "description": "Shows the banner", "type": "release"}
            """,
        ["color"] = """
            {"state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red",
             "targeting": {"if": [{"==": [{"var": "plan"}, "pro"]}, "blue", null]}}
            """,
        ["limit"] = """{"state": "ENABLED", "variants": {"small": 10, "big": 2.5}, "defaultVariant": "big"}""",
        ["layout"] = """
            {"state": "ENABLED", "variants": {"grid": {"columns": 3, "dense": true}, "list": {"columns": 1}},
             "defaultVariant": "grid"}
            """,
        ["dark"] = """{"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""",
        ["unset"] = """{"state": "ENABLED", "variants": {"on": true, "off": false}}""",
        ["picked"] = """
            {"state": "ENABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": "a",
             "targeting": {"var": "choice"}}
            """,
        ["split"] = """
            {"state": "ENABLED", "variants": {"x": "X", "y": "Y", "z": "Z"}, "defaultVariant": "x",
             "targeting": {"fractional": [["x", 10], ["y", 20], ["z", 70]]}}
            """,
    };

    private OfrepClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await fixture.CreateEnvironmentAsync();
        foreach (var (key, document) in Flags)
        {
            await fixture.PutFlagAsync(_client, key, document);
        }
    }

    public Task DisposeAsync()
    {
        _client.Dispose();

        return Task.CompletedTask;
    }

    [Fact]
    public async Task StaticFlag_ReturnsValueVariantReasonMetadata()
    {
        var body = await _client.EvaluateJsonAsync("banner", "{}", HttpStatusCode.OK);

        Assert.Equal("banner", body.GetProperty("key").GetString());
        Assert.True(body.GetProperty("value").GetBoolean());
        Assert.Equal("on", body.GetProperty("variant").GetString());
        Assert.Equal(FlagReason.Static, body.GetProperty("reason").GetString());
        Assert.Equal("web", body.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(3, body.GetProperty("metadata").GetProperty("rank").GetInt32());
        Assert.Equal("(absent)", Member(body, "errorCode"));
    }

    [Fact]
    public async Task TargetingRule_MatchesOrFallsToDefault()
    {
        var pro = await _client.EvaluateJsonAsync("color", """{"targetingKey": "u1", "plan": "pro"}""",
            HttpStatusCode.OK);
        var free = await _client.EvaluateJsonAsync("color", """{"targetingKey": "u1", "plan": "free"}""",
            HttpStatusCode.OK);

        Assert.Equal("#00f", pro.GetProperty("value").GetString());
        Assert.Equal(FlagReason.TargetingMatch, pro.GetProperty("reason").GetString());
        Assert.Equal("#f00", free.GetProperty("value").GetString());
        Assert.Equal(FlagReason.Default, free.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task NumberAndObjectFlags_KeepTheirJson()
    {
        var limit = await _client.EvaluateJsonAsync("limit", "{}", HttpStatusCode.OK);
        var layout = await _client.EvaluateJsonAsync("layout", "{}", HttpStatusCode.OK);

        Assert.Equal("2.5", limit.GetProperty("value").GetRawText());
        Assert.Equal(3, layout.GetProperty("value").GetProperty("columns").GetInt32());
        Assert.True(layout.GetProperty("value").GetProperty("dense").GetBoolean());
    }

    [Fact]
    public async Task DisabledFlag_DefersToCodeDefault()
    {
        var body = await _client.EvaluateJsonAsync("dark", "{}", HttpStatusCode.OK);

        Assert.Equal(FlagReason.Disabled, body.GetProperty("reason").GetString());
        Assert.Equal("(absent)", Member(body, "value"));
        Assert.Equal("(absent)", Member(body, "variant"));
    }

    [Fact]
    public async Task NoDefaultVariant_DefersToCodeDefault()
    {
        var body = await _client.EvaluateJsonAsync("unset", "{}", HttpStatusCode.OK);

        Assert.Equal(FlagReason.Default, body.GetProperty("reason").GetString());
        Assert.Equal("(absent)", Member(body, "value"));
    }

    [Fact]
    public async Task UnknownFlag_Returns404FlagNotFound()
    {
        using var response = await _client.EvaluateAsync("no-such-flag");

        await FailureAsync(response, HttpStatusCode.NotFound, FlagErrorCode.FlagNotFound, "no-such-flag");
    }

    [Fact]
    public async Task FlagKey_MatchesCaseExactly()
    {
        using var response = await _client.EvaluateAsync("Banner");

        await FailureAsync(response, HttpStatusCode.NotFound, FlagErrorCode.FlagNotFound, "Banner");
    }

    [Fact]
    public async Task RuleNamingNoVariant_Returns400General()
    {
        using var response = await _client.EvaluateAsync("picked", """{"context": {"choice": "c"}}""");

        var details = await FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General, "picked");
        Assert.Contains("'c'", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonStringTargetingKey_Returns400InvalidContext()
    {
        using var response = await _client.EvaluateAsync("banner", """{"context": {"targetingKey": 42}}""");

        await FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.InvalidContext, "banner");
    }

    [Fact]
    public async Task FractionalSplit_ReportsTargetingMatch()
    {
        var body = await _client.EvaluateJsonAsync("split", """{"targetingKey": "user-7"}""", HttpStatusCode.OK);

        Assert.Equal(FlagReason.TargetingMatch, body.GetProperty("reason").GetString());
        Assert.Contains(body.GetProperty("variant").GetString(), new[] { "x", "y", "z" });
    }

    [Fact]
    public async Task Bulk_ListsEnabledFlagsAndFailures()
    {
        var (flags, etag) = await _client.EvaluateAllJsonAsync("""{"targetingKey": "u1", "choice": "c"}""");

        Assert.Equal(["banner", "color", "layout", "limit", "picked", "split"], flags.Keys.Order().ToArray());
        Assert.Equal(FlagErrorCode.General, flags["picked"].GetProperty("errorCode").GetString());
        Assert.Equal("#f00", flags["color"].GetProperty("value").GetString());
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_MatchTheEngine()
    {
        var set = FlagTestSets.Compile("{\"flags\": {"
            + string.Join(", ", Flags.Select(flag => $"\"{flag.Key}\": {EngineDefinition(flag.Value)}")) + "}}");
        string[] contexts =
        [
            "{}", """{"targetingKey": "a"}""", """{"targetingKey": "b", "plan": "pro"}""",
            """{"targetingKey": "", "choice": "b"}""", """{"choice": "nope"}""", """{"targetingKey": 7}""",
        ];
        var mismatches = new List<string>();

        foreach (var context in contexts)
        {
            foreach (var key in Flags.Keys.Append("missing"))
            {
                var expected = set.Evaluate(key, FlagTestSets.Context(context));
                using var response = await _client.EvaluateAsync(key, $$"""{"context": {{context}}}""");
                var actual = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
                var want = $"{Json(expected.Value)} {expected.Variant} {expected.Reason} {expected.ErrorCode}";
                var got = $"{Json(actual, "value")} {Text(actual, "variant")} {ReasonOf(actual)} "
                    + Text(actual, "errorCode");
                if (want != got)
                {
                    mismatches.Add($"{key} with {context}: engine {want}, OFREP {got}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>The definition without the stored extras, as a flagd file contains it.</summary>
    private static string EngineDefinition(string document)
    {
        var read = FlagDocument.Read("f", document);

        return FlagdWriter.WriteFlag(read.Definition!.ToFlagd());
    }

    /// <summary>A value as compact JSON, or "" where there is none.</summary>
    private static string Json(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined ? "" : JsonSerializer.Serialize(value);

    private static string Json(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? Json(value) : "";

    /// <summary>The OFREP reason, or ERROR for a failure, which OFREP sends without a reason.</summary>
    private static string? ReasonOf(JsonElement body) =>
        Text(body, "reason") ?? (body.TryGetProperty("errorCode", out _) ? FlagReason.Error : null);

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.GetString() : null;
}
