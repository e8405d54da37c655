using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// OFREP against a real silo process and api process: the OpenFeature JavaScript server SDK with its OFREP
/// provider (tests/ofrep-js, pinned from npm) evaluates typed flags, and a flag written to the silos
/// reaches evaluation in the running api process. The node test is skipped where node or npm is missing.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class OfrepJsClientTests(ApiClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly Lazy<string> s_clientFolder = new(() =>
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "ofrep-js");
        ExternalTool.Run("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));

        return folder;
    });

    private static readonly Dictionary<string, string> Flags = new()
    {
        ["new-banner"] = """
            {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
             "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]},
             "metadata": {"owner": "web"}}
            """,
        ["greeting"] = """
            {"state": "ENABLED", "variants": {"formal": "Good day", "casual": "Hi"}, "defaultVariant": "formal"}
            """,
        ["max-items"] = """{"state": "ENABLED", "variants": {"low": 10, "high": 2.5}, "defaultVariant": "high"}""",
        ["theme"] = """
            {"state": "ENABLED", "variants": {"dark": {"background": "#000", "contrast": 7}},
             "defaultVariant": "dark"}
            """,
        ["rollout"] = """
            {"state": "ENABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": "a",
             "targeting": {"fractional": [["a", 50], ["b", 50]]}}
            """,
        ["legacy-mode"] = """
            {"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}
            """,
    };

    [NodeFact]
    public async Task OpenFeatureSdk_ResolvesTypedFlags()
    {
        var scope = await fixture.CreateScopeAsync();
        await SeedAsync(scope);
        var token = await CreateServiceTokenAsync(scope);
        object[] cases =
        [
            Case("new-banner", "boolean", false, new { targetingKey = "u1", email = "ann@example.com" }),
            Case("new-banner", "boolean", true, new { targetingKey = "u2", email = "bob@example.org" }),
            Case("greeting", "string", "hello", new { targetingKey = "u1" }),
            Case("max-items", "number", 0, new { targetingKey = "u1" }),
            Case("theme", "object", new { background = "none" }, new { targetingKey = "u1" }),
            Case("rollout", "string", "none", new { targetingKey = "user-42" }),
            Case("missing-flag", "boolean", true, new { targetingKey = "u1" }),
            Case("greeting", "boolean", false, new { targetingKey = "u1" }),
            Case("legacy-mode", "boolean", false, new { targetingKey = "u1" }),
        ];

        var results = RunClient(cases, "--key", token);

        var banner = results[0];
        Assert.True(banner.GetProperty("value").GetBoolean());
        Assert.Equal("on", Text(banner, "variant"));
        Assert.Equal(FlagReason.TargetingMatch, Text(banner, "reason"));
        Assert.Equal("web", banner.GetProperty("flagMetadata").GetProperty("owner").GetString());
        Assert.Null(Text(banner, "errorCode"));
        var bannerDefault = results[1];
        Assert.False(bannerDefault.GetProperty("value").GetBoolean());
        Assert.Equal(FlagReason.Default, Text(bannerDefault, "reason"));
        var greeting = results[2];
        Assert.Equal("Good day", Text(greeting, "value"));
        Assert.Equal(FlagReason.Static, Text(greeting, "reason"));
        var maxItems = results[3];
        Assert.Equal("number", Text(maxItems, "valueType"));
        Assert.Equal(2.5, maxItems.GetProperty("value").GetDouble());
        var theme = results[4];
        Assert.Equal(7, theme.GetProperty("value").GetProperty("contrast").GetInt32());
        Assert.Equal("dark", Text(theme, "variant"));
        var rollout = results[5];
        Assert.Equal(FlagReason.TargetingMatch, Text(rollout, "reason"));
        Assert.Equal(ExpectedBucket("rollout", "user-42"), Text(rollout, "variant"));
        var missing = results[6];
        Assert.Equal(FlagErrorCode.FlagNotFound, Text(missing, "errorCode"));
        Assert.True(missing.GetProperty("value").GetBoolean());
        Assert.Equal(FlagReason.Error, Text(missing, "reason"));
        var mismatch = results[7];
        Assert.Equal(FlagErrorCode.TypeMismatch, Text(mismatch, "errorCode"));
        Assert.False(mismatch.GetProperty("value").GetBoolean());

        // The api returns a disabled flag with reason DISABLED and no value, the protocol's code-default
        // form; ofrep-provider 0.1.3 predates that form, reports GENERAL and returns the code default.
        var disabled = results[8];
        Assert.False(disabled.GetProperty("value").GetBoolean());
        Assert.Equal(FlagErrorCode.General, Text(disabled, "errorCode"));
    }

    [NodeFact]
    public async Task OpenFeatureSdk_SendsKeyAndScopeHeaders()
    {
        var scope = await fixture.CreateScopeAsync();
        await SeedAsync(scope);
        object[] cases = [Case("greeting", "string", "hello", new { targetingKey = "u1" })];

        var results = RunClient(cases, "--key", fixture.Cluster.AdminKey, "--auth", "x-api-key",
            "--namespace", scope.Namespace, "--environment", scope.Environment);

        Assert.Equal("Good day", Text(results[0], "value"));
        Assert.Null(Text(results[0], "errorCode"));
    }

    [Fact]
    public async Task FlagChange_ReachesApiProcess()
    {
        var scope = await fixture.CreateScopeAsync();
        await using var cluster = await ProcessClusterGrains.ConnectAsync(fixture.Cluster);
        await FlagWriter.PutAsync(cluster.Grains, scope.Namespace, scope.Environment, "greeting",
            Flags["greeting"]);
        var http = new HttpClient { BaseAddress = fixture.Cluster.ApiAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Cluster.AdminKey);
        using var client = new OfrepClient(http, scope.Namespace, scope.Environment);
        var before = await client.EvaluateJsonAsync("greeting", "{}", HttpStatusCode.OK);
        Assert.Equal("formal", Text(before, "variant"));

        await FlagWriter.PutAsync(cluster.Grains, scope.Namespace, scope.Environment, "greeting",
            Flags["greeting"].Replace("\"defaultVariant\": \"formal\"", "\"defaultVariant\": \"casual\"",
                StringComparison.Ordinal));

        await ClusterHttp.WaitForAsync(async () =>
        {
            var after = await client.EvaluateJsonAsync("greeting", "{}", HttpStatusCode.OK);

            return Text(after, "variant") == "casual";
        }, TimeSpan.FromSeconds(20), "the changed default variant in the api process");
    }

    private async Task SeedAsync(ApiScope scope)
    {
        await using var cluster = await ProcessClusterGrains.ConnectAsync(fixture.Cluster);
        foreach (var (key, document) in Flags)
        {
            await FlagWriter.PutAsync(cluster.Grains, scope.Namespace, scope.Environment, key, document);
        }
    }

    private async Task<string> CreateServiceTokenAsync(ApiScope scope)
    {
        using var response = await fixture.Http.PostAsJsonAsync("/v1/keys", new
        {
            name = $"{scope.Namespace}-ofrep",
            kind = "serviceToken",
            @namespace = scope.Namespace,
            environment = scope.Environment,
        });
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        return body.GetProperty("key").GetString()!;
    }

    /// <summary>Runs tests/ofrep-js/evaluate.js against the api process and returns its results in order.</summary>
    private JsonElement[] RunClient(object[] cases, params string[] arguments)
    {
        var casesFile = Path.Combine(Path.GetTempPath(), $"ofrep-cases-{Guid.NewGuid():N}.json");
        File.WriteAllText(casesFile, JsonSerializer.Serialize(cases));
        try
        {
            var command = $"evaluate.js --url {fixture.Cluster.ApiAddress.ToString().TrimEnd('/')} "
                + $"--cases \"{casesFile}\" " + string.Join(' ', arguments.Select(a => $"\"{a}\""));
            var json = ExternalTool.Run("node", command, s_clientFolder.Value, TimeSpan.FromMinutes(1));
            output.WriteLine(json);
            var results = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("results");

            return [.. results.EnumerateArray()];
        }
        finally
        {
            File.Delete(casesFile);
        }
    }

    private static object Case(string flag, string type, object defaultValue, object context) =>
        new Dictionary<string, object>
        {
            ["flag"] = flag, ["type"] = type, ["default"] = defaultValue, ["context"] = context,
        };

    /// <summary>The variant the engine gives a targeting key, which the SDK must report unchanged.</summary>
    private static string? ExpectedBucket(string key, string targetingKey)
    {
        var set = FlagTestSets.Compile("{\"flags\": {\"" + key + "\": " + Flags[key] + "}}");

        return set.ResolveString(key, "", EvaluationContext.Create(targetingKey)).Variant;
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
