using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>A namespace and environment of the api under test, with helpers that send its requests.</summary>
public sealed class ApiScope(HttpClient http, string ns, string environment)
{
    public HttpClient Http { get; } = http;

    public string Namespace { get; } = ns;

    public string Environment { get; } = environment;

    public string EnvironmentPath => $"/v1/namespaces/{Namespace}/environments/{Environment}";

    public string SnapshotPath => $"{EnvironmentPath}/configs";

    /// <summary>Returns the path of a key, escaped as one segment, so a '/' in the key travels as %2F.</summary>
    public string KeyPath(string key) => $"{SnapshotPath}/{Uri.EscapeDataString(key)}";

    /// <summary>Returns a PUT body that contains <paramref name="valueJson"/> exactly as given.</summary>
    public static string ValueBody(string valueJson, string? comment = null) => comment is null
        ? $"{{\"value\": {valueJson}}}"
        : $"{{\"value\": {valueJson}, \"comment\": {JsonSerializer.Serialize(comment)}}}";

    public Task<HttpResponseMessage> PutAsync(string key, string valueJson, params Header[] headers) =>
        SendAsync(HttpMethod.Put, KeyPath(key), ValueBody(valueJson), headers);

    public Task<HttpResponseMessage> DeleteAsync(string key, params Header[] headers) =>
        SendAsync(HttpMethod.Delete, KeyPath(key), null, headers);

    public Task<HttpResponseMessage> RollbackAsync(string key, int version, params Header[] headers) =>
        SendAsync(HttpMethod.Post, KeyPath(key) + "/rollback", $"{{\"version\": {version}}}", headers);

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    /// <summary>Sends a request with headers added without validation, so malformed ones go out as written.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? body, params Header[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            var added = request.Headers.TryAddWithoutValidation(name, value);
            Assert.True(added, $"HttpClient rejected the request header {name}: {value}");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Writes a value that must become a new version, and returns that version number.</summary>
    public async Task<int> WriteAsync(string key, string valueJson)
    {
        using var response = await PutAsync(key, valueJson);
        Assert.True(response.IsSuccessStatusCode,
            $"PUT {key} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await HttpAssert.JsonAsync(response, response.StatusCode);
        Assert.True(body.GetProperty("changed").GetBoolean(), $"PUT {key} stored no new version: {body}");

        return body.GetProperty("version").GetInt32();
    }

    /// <summary>Reads the current version of a key, which must exist.</summary>
    public async Task<JsonElement> ReadAsync(string key)
    {
        using var response = await GetAsync(KeyPath(key));

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Posts a file to the import endpoint, with <paramref name="format"/> in the query as given.</summary>
    public async Task<HttpResponseMessage> PostImportAsync(string format, byte[] file, int? document = null)
    {
        var query = $"?format={Uri.EscapeDataString(format)}" + (document is null ? "" : $"&document={document}");
        using var content = new ByteArrayContent(file);

        return await Http.PostAsync($"{EnvironmentPath}/import{query}", content);
    }

    /// <summary>Imports a UTF-8 file that must be accepted, and returns the import result.</summary>
    public async Task<JsonElement> ImportAsync(string format, string file)
    {
        using var response = await PostImportAsync(format, Encoding.UTF8.GetBytes(file));

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Exports the environment, which must succeed, and returns the file as text.</summary>
    public async Task<string> ExportAsync(string format)
    {
        using var response = await GetAsync($"{EnvironmentPath}/export?format={format}");
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);

        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads the environment snapshot, which must exist.</summary>
    public async Task<JsonElement> ReadSnapshotAsync(string? prefix = null)
    {
        var query = prefix is null ? "" : "?prefix=" + Uri.EscapeDataString(prefix);
        using var response = await GetAsync(SnapshotPath + query);

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }
}

/// <summary>A request header, sent as written.</summary>
public readonly record struct Header(string Name, string Value);
