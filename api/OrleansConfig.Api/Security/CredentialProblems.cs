using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace OrleansConfig.Api.Security;

/// <summary>
/// The 401, 403 and 429 problem-details responses. A 401 states that a credential is missing or was
/// not accepted, or that the key is expired or revoked, but never which part of a credential was wrong.
/// </summary>
public static class CredentialProblems
{
    public const string Missing =
        "The request has no credential; send an API key or token as 'Authorization: Bearer <credential>'.";

    public const string NotAccepted =
        "The credential was not accepted; send a current API key or token as 'Authorization: Bearer <credential>'.";

    public const string Expired = "The API key has expired; ask an admin of its scope for a new key.";

    public const string Revoked = "The API key has been revoked; ask an admin of its scope for a new key.";

    private const string DefaultForbidden =
        "The caller lacks the permission this endpoint requires; ask an admin for a grant.";

    private static readonly object FailureKey = new();

    /// <summary>Stores why authentication failed, for the 401 that authorization may send later.</summary>
    public static void RecordFailure(HttpContext context, string detail) => context.Items[FailureKey] = detail;

    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        var presented = AuthenticationSchemes.HasCredential(context.Request);
        var detail = context.Items[FailureKey] as string ?? (presented ? NotAccepted : Missing);

        // RFC 6750 section 3.1: a rejected credential is "invalid_token"; a missing one gets no error code.
        context.Response.Headers[HeaderNames.WWWAuthenticate] = presented ? "Bearer error=\"invalid_token\"" : "Bearer";

        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static Task WriteForbiddenAsync(HttpContext context, string? reason) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", reason ?? DefaultForbidden);

    public static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        return WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This caller sent more requests than its rate limit allows; retry after {seconds} seconds.");
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
