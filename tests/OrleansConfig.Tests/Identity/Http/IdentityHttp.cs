using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansConfig.Tests.Identity.Http;

/// <summary>Requests and response readers shared by the identity endpoint tests.</summary>
public static class IdentityHttp
{
    /// <summary>Creates a key through <c>POST /v1/keys</c> and returns its id and full key.</summary>
    public static async Task<(string Id, string Key)> CreateKeyAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/v1/keys", body);
        var json = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"POST /v1/keys returned {response.StatusCode}: {json}");

        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }

    /// <summary>Creates a key with the given grants, each written as (role, namespace, environment).</summary>
    public static Task<(string Id, string Key)> CreateKeyAsync(
        HttpClient client, params (string Role, string? Namespace, string? Environment)[] grants) =>
        CreateKeyAsync(client, new
        {
            name = "test",
            grants = grants.Select(g => new { role = g.Role, @namespace = g.Namespace, environment = g.Environment }),
        });

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);

        return document.RootElement.Clone();
    }

    /// <summary>Returns the grants of a key or caller body as "role:namespace/environment" strings.</summary>
    public static string[] Grants(JsonElement body) => body.GetProperty("grants").EnumerateArray()
        .Select(g => $"{g.GetProperty("role").GetString()}:{Text(g, "namespace")}/{Text(g, "environment")}")
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";

    private static string Text(JsonElement element, string name)
    {
        var present = element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;

        return present ? value.GetString()! : "*";
    }
}
