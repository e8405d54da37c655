using OrleansConfig.Api.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Reads an API key presented as a bearer token into the id of its key grain and the SHA-256 of its
/// secret, the only form of the secret that leaves the request. The form is <see cref="ApiKeyFormat"/>.
/// </summary>
public static class BearerKey
{
    /// <summary>Returns true when <paramref name="token"/> claims to be an API key, well-formed or not.</summary>
    public static bool HasKeyPrefix(string token) => token.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal);

    /// <summary>Splits a well-formed key into its id and the SHA-256 of its secret.</summary>
    public static bool TryParse(string? token, out string id, out byte[] secretHash)
    {
        if (!ApiKeyFormat.TryParse(token, out id, out var secret))
        {
            secretHash = [];

            return false;
        }

        secretHash = ApiKeyFormat.Hash(secret);

        return true;
    }
}
