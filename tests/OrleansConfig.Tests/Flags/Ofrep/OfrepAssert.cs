using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>Assertions on OFREP responses whose failure messages show the request and the body.</summary>
internal static class OfrepAssert
{
    /// <summary>Asserts the status and an <c>application/json</c> body, and returns the body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await HttpAssert.JsonAsync(response, expected);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        return body;
    }

    /// <summary>
    /// Asserts an OFREP failure: the status, <c>errorCode</c>, a non-empty <c>errorDetails</c> and, for a
    /// single-flag failure, the flag key. Returns the details.
    /// </summary>
    public static async Task<string> FailureAsync(HttpResponseMessage response, HttpStatusCode expected,
        string errorCode, string? key = null)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        if (key is not null)
        {
            Assert.Equal(key, body.GetProperty("key").GetString());
        }

        var details = body.GetProperty("errorDetails").GetString();
        Assert.False(string.IsNullOrWhiteSpace(details), "errorDetails is empty");

        return details!;
    }

    /// <summary>Returns a member as compact JSON, or "(absent)".</summary>
    public static string Member(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.GetRawText() : "(absent)";
}
