using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Schemas;

/// <summary>Schema requests of the tests, sent in the namespace of an <see cref="ApiScope"/>.</summary>
public static class SchemaRequests
{
    public const string PortsSchema = """
        {"type": "object", "properties": {"port": {"type": "integer", "minimum": 1, "maximum": 65535},
         "host": {"type": "string", "minLength": 1}}, "required": ["host"]}
        """;

    public static string SchemaPath(ApiScope scope, string key, string? query = null) =>
        $"/v1/namespaces/{scope.Namespace}/schemas/{Uri.EscapeDataString(key)}" + (query is null ? "" : "?" + query);

    /// <summary>Sends a schema PUT; <paramref name="query"/> carries dryRun or force.</summary>
    public static Task<HttpResponseMessage> SendPutAsync(ApiScope scope, string key, string schemaJson,
        string? environment = null, string? query = null)
    {
        var body = environment is null
            ? $"{{\"schema\": {schemaJson}}}"
            : $"{{\"schema\": {schemaJson}, \"environment\": \"{environment}\"}}";

        return scope.SendAsync(HttpMethod.Put, SchemaPath(scope, key, query), body);
    }

    /// <summary>Attaches a schema that must be saved, and returns the response body.</summary>
    public static async Task<JsonElement> AttachAsync(ApiScope scope, string key, string schemaJson,
        string? environment = null)
    {
        using var response = await SendPutAsync(scope, key, schemaJson, environment);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"PUT schema {key} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates one more environment in the scope's namespace.</summary>
    public static async Task CreateEnvironmentAsync(ApiScope scope, string environment)
    {
        using var response = await scope.Http.PutAsync($"/v1/namespaces/{scope.Namespace}/environments/{environment}",
            null);
        await HttpAssert.StatusAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Writes a value in another environment of the scope's namespace; it must be stored.</summary>
    public static async Task WriteInAsync(ApiScope scope, string environment, string key, string valueJson)
    {
        var path = $"/v1/namespaces/{scope.Namespace}/environments/{environment}/configs/{Uri.EscapeDataString(key)}";
        using var content = new StringContent(ApiScope.ValueBody(valueJson), Encoding.UTF8, "application/json");
        using var response = await scope.Http.PutAsync(path, content);
        Assert.True(response.IsSuccessStatusCode,
            $"PUT {environment}/{key} failed with {(int)response.StatusCode}: "
            + await response.Content.ReadAsStringAsync());
    }

    /// <summary>Returns the violations of a 422 response, asserting its status and problem details.</summary>
    public static async Task<JsonElement[]> ViolationsAsync(HttpResponseMessage response)
    {
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpAssert.ProblemMediaType, response.Content.Headers.ContentType?.MediaType);

        return [.. body.GetProperty("violations").EnumerateArray()];
    }

    public static JsonElement Single(IEnumerable<JsonElement> violations, string path, string rule) =>
        Assert.Single(violations, v => v.GetProperty("path").GetString() == path
            && v.GetProperty("rule").GetString() == rule);

    /// <summary>Reads the audit records of the scope's namespace that match <paramref name="query"/>.</summary>
    public static async Task<JsonElement[]> AuditAsync(ApiScope scope, string query)
    {
        using var response = await scope.GetAsync($"/v1/audit?namespace={scope.Namespace}&{query}");

        return [.. (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("records").EnumerateArray()];
    }
}
