using System.Security.Cryptography;
using System.Text;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Parses API keys of the form <c>oc_&lt;id&gt;_&lt;secret&gt;</c>: a 16-character id and a 52-character
/// secret, both lowercase base32 (<c>a-z</c>, <c>2-7</c>). The id is the key grain's key, and the
/// grain stores the SHA-256 of the ASCII secret.
/// </summary>
public static class BearerKey
{
    public const string Prefix = "oc_";

    public const int IdLength = 16;

    public const int SecretLength = 52;

    private const int TokenLength = 3 + IdLength + 1 + SecretLength;

    /// <summary>Returns true when <paramref name="token"/> claims to be an API key, well-formed or not.</summary>
    public static bool HasKeyPrefix(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Splits a well-formed key into its id and the SHA-256 of its secret.</summary>
    public static bool TryParse(string? token, out string id, out byte[] secretHash)
    {
        id = "";
        secretHash = [];
        if (token is null || token.Length != TokenLength || !HasKeyPrefix(token)
            || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = token.AsSpan(Prefix.Length, IdLength);
        var secretPart = token.AsSpan(Prefix.Length + IdLength + 1);
        if (!IsBase32(idPart) || !IsBase32(secretPart))
        {
            return false;
        }

        id = idPart.ToString();
        secretHash = SHA256.HashData(Encoding.ASCII.GetBytes(secretPart.ToString()));

        return true;
    }

    private static bool IsBase32(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '2' and <= '7')))
            {
                return false;
            }
        }

        return true;
    }
}
