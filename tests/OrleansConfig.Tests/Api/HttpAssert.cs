using System.Net;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>Assertions on api responses whose failure messages show the request and the response body.</summary>
public static class HttpAssert
{
    public const string ProblemMediaType = "application/problem+json";

    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        var request = response.RequestMessage;
        Assert.Fail($"{request?.Method} {request?.RequestUri}: expected {(int)expected} {expected}, "
            + $"got {(int)response.StatusCode} {response.StatusCode}: {body}");
    }

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await StatusAsync(response, expected);
        var text = await response.Content.ReadAsStringAsync();

        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>
    /// Asserts a problem-details response (RFC 9457) with the status and a non-empty <c>detail</c>, and
    /// returns the detail.
    /// </summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(ProblemMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.TryGetProperty("detail", out var detail), $"The problem details have no 'detail': {body}");
        var text = detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(text), $"The problem details have an empty 'detail': {body}");

        return text!;
    }
}
