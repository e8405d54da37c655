using System.Security.Cryptography;
using System.Text;

namespace OrleansConfig.Api.Identity;

/// <summary>
/// The text form of an API key or service token: <c>oc_&lt;id&gt;_&lt;secret&gt;</c>, 72 characters.
/// </summary>
/// <remarks>
/// The id has 16 characters and the secret 52, both drawn uniformly by
/// <see cref="RandomNumberGenerator"/> from the lowercase RFC 4648 base32 alphabet <c>a-z2-7</c>,
/// so an id carries 80 random bits and a secret 260. The id is public: it names the key in URLs,
/// logs and audit records. Only the SHA-256 of the ASCII secret is stored.
/// </remarks>
public static class ApiKeyFormat
{
    public const string Prefix = "oc_";

    public const int IdLength = 16;

    public const int SecretLength = 52;

    public const int KeyLength = 3 + IdLength + 1 + SecretLength;

    /// <summary>The lowercase RFC 4648 base32 alphabet.</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The form, for error messages.</summary>
    public const string Description = "oc_<id>_<secret> with a 16-character id and a 52-character secret, "
        + "both of lowercase letters a-z and digits 2-7";

    /// <summary>Generates a key with a new random id and secret.</summary>
    public static (string Id, string Secret, string Key) Generate()
    {
        var id = RandomNumberGenerator.GetString(Alphabet, IdLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);

        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>
    /// Splits <paramref name="key"/> into its id and secret; returns false unless it has exactly the
    /// prefix, lengths and alphabet of <see cref="Description"/>.
    /// </summary>
    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = "";
        secret = "";
        if (key is not { Length: KeyLength } || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var idPart = key.AsSpan(Prefix.Length, IdLength);
        var secretPart = key.AsSpan(Prefix.Length + IdLength + 1);
        if (key[Prefix.Length + IdLength] != '_' || !IsBase32(idPart) || !IsBase32(secretPart))
        {
            return false;
        }

        id = idPart.ToString();
        secret = secretPart.ToString();

        return true;
    }

    /// <summary>Returns true when <paramref name="id"/> has the form of a key id.</summary>
    public static bool IsId(string? id) => id is { Length: IdLength } && IsBase32(id);

    /// <summary>Computes the SHA-256 of the ASCII <paramref name="secret"/>, the only form a grain stores.</summary>
    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);

        return SHA256.HashData(Encoding.ASCII.GetBytes(secret));
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
