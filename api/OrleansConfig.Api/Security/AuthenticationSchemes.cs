namespace OrleansConfig.Api.Security;

/// <summary>
/// The authentication scheme names, and the choice between them: the default scheme forwards a
/// bearer token that starts with <c>oc_</c> to the API key scheme and any other bearer token to the
/// JWT scheme when JWT is enabled. An API key may also come in <c>X-API-Key</c>, or as the whole
/// <c>Authorization</c> value without a scheme, because OpenFeature's OFREP providers send it so.
/// </summary>
public static class AuthenticationSchemes
{
    /// <summary>The default scheme, which only forwards.</summary>
    public const string Bearer = "Bearer";

    public const string ApiKey = "ApiKey";

    public const string Jwt = "Jwt";

    /// <summary>The header in which OFREP clients send an API key.</summary>
    public const string ApiKeyHeader = "X-API-Key";

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

    /// <summary>Returns true when the request carries a credential in any form this api reads.</summary>
    public static bool HasCredential(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Headers[ApiKeyHeader].Count > 0;

    /// <summary>
    /// Reads an API key from <c>Authorization: Bearer</c>, from an <c>Authorization</c> value that is
    /// the key itself (<c>oc_…</c>), or else from <c>X-API-Key</c>; false when there is none.
    /// </summary>
    public static bool TryReadApiKey(HttpRequest request, out string token)
    {
        if (TryReadBearer(request, out token))
        {
            return true;
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0]?.Trim() is { } whole && BearerKey.HasKeyPrefix(whole))
        {
            token = whole;

            return true;
        }

        var header = request.Headers[ApiKeyHeader];
        token = header.Count == 1 ? header[0]?.Trim() ?? "" : "";

        return authorization.Count == 0 && token.Length > 0;
    }
}
