using System.Collections.Concurrent;
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

    /// <summary>Scopes shared by name for the whole test run; see <see cref="SharedAsync"/>.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<FlagScope>>> s_shared = new();

    public static async Task<FlagScope> CreateAsync(ApiClusterFixture fixture) =>
        new(await fixture.CreateScopeAsync());

    /// <summary>
    /// Returns the scope of this name, created and filled once per test run, for tests that change
    /// nothing in it. Each environment adds periodic storage reads to the shared silo, so tests that only
    /// send rejected or read-only requests share one.
    /// </summary>
    public static Task<FlagScope> SharedAsync(
        ApiClusterFixture fixture, string name, Func<FlagScope, Task>? fill = null) =>
        s_shared.GetOrAdd(name, _ => new Lazy<Task<FlagScope>>(async () =>
        {
            var scope = await CreateAsync(fixture);
            if (fill is not null)
            {
                await fill(scope);
            }

            return scope;
        })).Value;

    /// <summary>A shared scope in which nothing is ever written.</summary>
    public static Task<FlagScope> EmptyAsync(ApiClusterFixture fixture) => SharedAsync(fixture, "empty");

    /// <summary>
    /// A shared scope with the flags <c>old</c> (<see cref="Toggle"/>) and <c>color</c>
    /// (<see cref="Rollout"/>), which stay at version 1 without scheduled changes.
    /// </summary>
    public static Task<FlagScope> UnchangingAsync(ApiClusterFixture fixture) =>
        SharedAsync(fixture, "unchanging", async scope =>
        {
            await scope.WriteAsync("old", Toggle);
            await scope.WriteAsync("color", Rollout);
        });

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
