namespace OrleansConfig.Api.Security;

/// <summary>
/// The authentication scheme names, and the choice between them: the default scheme forwards a
/// bearer token that starts with <c>oc_</c> to the API key scheme and any other bearer token to the
/// JWT scheme when JWT is enabled.
/// </summary>
public static class AuthenticationSchemes
{
    /// <summary>The default scheme, which only forwards.</summary>
    public const string Bearer = "Bearer";

    public const string ApiKey = "ApiKey";

    public const string Jwt = "Jwt";

    public static string Select(HttpContext context, bool jwtEnabled) =>
        jwtEnabled && TryReadBearer(context.Request, out var token) && !BearerKey.HasKeyPrefix(token)
            ? Jwt
            : ApiKey;

    /// <summary>Reads the token of an <c>Authorization: Bearer</c> header; false when there is none.</summary>
    public static bool TryReadBearer(HttpRequest request, out string token)
    {
        token = "";
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            return false;
        }

        const string prefix = "Bearer ";
        if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = value[prefix.Length..].Trim();

        return token.Length > 0;
    }
}
