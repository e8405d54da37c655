using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>The flag endpoints of one fresh namespace and environment, with helpers that send their requests.</summary>
public sealed class FlagScope(ApiScope scope)
{
    /// <summary>A boolean flag that is off by default.</summary>
    public const string Toggle =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}""";

    /// <summary>A string flag with a 10/90 rollout, which schedules can change.</summary>
    public const string Rollout = """
        {"state": "ENABLED", "variants": {"blue": "#00f", "red": "#f00"}, "defaultVariant": "blue",
         "targeting": {"fractional": [["blue", 10], ["red", 90]]}}
        """;

    public ApiScope Scope { get; } = scope;

    public string Namespace => Scope.Namespace;

    public string FlagsPath => $"{Scope.EnvironmentPath}/flags";

    public static async Task<FlagScope> CreateAsync(ApiClusterFixture fixture) =>
        new(await fixture.CreateScopeAsync());

    public string FlagPath(string key) => $"{FlagsPath}/{key}";

    /// <summary>Returns <paramref name="json"/> with members added to its top-level object.</summary>
    public static string With(string json, string members) => json.TrimEnd()[..^1] + ", " + members + "}";

    public Task<HttpResponseMessage> PutAsync(string key, string document, params Header[] headers) =>
        Scope.SendAsync(HttpMethod.Put, FlagPath(key), document, headers);

    public Task<HttpResponseMessage> GetAsync(string path) => Scope.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, string? body, params Header[] headers) =>
        Scope.SendAsync(HttpMethod.Post, path, body, headers);

    /// <summary>Writes a flag that must be stored, and returns the response body.</summary>
    public async Task<JsonElement> WriteAsync(string key, string document)
    {
        using var response = await PutAsync(key, document);
        Assert.True(response.IsSuccessStatusCode,
            $"PUT flag {key} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        return await HttpAssert.JsonAsync(response, response.StatusCode);
    }

    /// <summary>Reads a flag, which must exist.</summary>
    public async Task<JsonElement> ReadAsync(string key)
    {
        using var response = await GetAsync(FlagPath(key));

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Lists the flags with a query such as <c>?tag=a</c> and returns their keys in order.</summary>
    public async Task<string[]> ListKeysAsync(string query = "")
    {
        using var response = await GetAsync(FlagsPath + query);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        return body.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToArray();
    }

    public async Task<HttpResponseMessage> ImportAsync(string file, string query = "")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(file));

        return await Scope.Http.PostAsync($"{FlagsPath}/import{query}", content);
    }

    public async Task<string> ExportAsync(string query = "")
    {
        using var response = await GetAsync($"{FlagsPath}/export{query}");
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);

        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Returns the <c>problems</c> of a problem-details response as (path, severity) pairs.</summary>
    public static async Task<(string Path, string Severity)[]> ProblemsAsync(
        HttpResponseMessage response, HttpStatusCode expected)
    {
        await HttpAssert.ProblemAsync(response, expected);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        return body.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("path").GetString()!, p.GetProperty("severity").GetString()!))
            .ToArray();
    }
}
