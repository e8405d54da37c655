using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>Sends OFREP requests, naming the namespace and environment in headers when they are given.</summary>
public sealed class OfrepClient(HttpClient http, string? ns, string? env) : IDisposable
{
    public const string FlagsPath = "/ofrep/v1/evaluate/flags";

    public HttpClient Http { get; } = http;

    public string? Namespace { get; } = ns;

    public string? Environment { get; } = env;

    /// <summary>Evaluates one flag; <paramref name="body"/> is sent as written, or no body when null.</summary>
    public Task<HttpResponseMessage> EvaluateAsync(string key, string? body = """{"context": {}}""") =>
        SendAsync($"{FlagsPath}/{Uri.EscapeDataString(key)}", body, []);

    public Task<HttpResponseMessage> EvaluateAllAsync(string? body = """{"context": {}}""",
        string? ifNoneMatch = null) =>
        SendAsync(FlagsPath, body, ifNoneMatch is null ? [] : [("If-None-Match", ifNoneMatch)]);

    /// <summary>Evaluates one flag, asserts the status and returns the JSON body.</summary>
    public async Task<JsonElement> EvaluateJsonAsync(string key, string context, HttpStatusCode expected)
    {
        using var response = await EvaluateAsync(key, $$"""{"context": {{context}}}""");

        return await OfrepAssert.JsonAsync(response, expected);
    }

    /// <summary>Evaluates every flag, asserts 200 and returns the results by key with the ETag.</summary>
    public async Task<(Dictionary<string, JsonElement> Flags, string ETag)> EvaluateAllJsonAsync(string context)
    {
        using var response = await EvaluateAllAsync($$"""{"context": {{context}}}""");
        var body = await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);
        var flags = body.GetProperty("flags").EnumerateArray()
            .ToDictionary(flag => flag.GetProperty("key").GetString()!, flag => flag);

        return (flags, response.Headers.ETag?.ToString() ?? "");
    }

    public async Task<HttpResponseMessage> SendAsync(string path, string? body,
        IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (Namespace is not null)
        {
            request.Headers.Add("X-Namespace", Namespace);
        }

        if (Environment is not null)
        {
            request.Headers.Add("X-Environment", Environment);
        }

        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"HttpClient rejected {name}: {value}");
        }

        return await Http.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}
