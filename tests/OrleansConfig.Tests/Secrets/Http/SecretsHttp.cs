using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Secrets.Http;

/// <summary>Requests to the secret endpoints of an <see cref="ApiScope"/>.</summary>
internal static class SecretsHttp
{
    public static string Path(ApiScope scope, string? name = null) =>
        name is null ? $"{scope.EnvironmentPath}/secrets" : $"{scope.EnvironmentPath}/secrets/{name}";

    public static Task<HttpResponseMessage> PutAsync(ApiScope scope, string name, string value) =>
        scope.SendAsync(HttpMethod.Put, Path(scope, name), JsonSerializer.Serialize(new { value }));

    /// <summary>Writes a value that must succeed.</summary>
    public static async Task WriteAsync(ApiScope scope, string name, string value)
    {
        using var response = await PutAsync(scope, name, value);
        Assert.True(response.IsSuccessStatusCode,
            $"PUT secret {name} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> RevealAsync(ApiScope scope, string name, string query = "",
        string? justification = null) => scope.SendAsync(HttpMethod.Get, Path(scope, name) + "/value" + query, null,
        justification is null ? [] : [new Header("Reveal-Justification", justification)]);

    /// <summary>Reveals the current value, which must succeed, and returns it.</summary>
    public static async Task<string> ValueAsync(ApiScope scope, string name)
    {
        using var response = await RevealAsync(scope, name);

        return (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("value").GetString()!;
    }
}
