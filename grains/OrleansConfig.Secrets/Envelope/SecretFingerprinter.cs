using System.Security.Cryptography;

namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// Computes keyed fingerprints (HMAC-SHA256) of secret values, so equal values can be found
/// without decrypting or revealing them. The fingerprint key must differ from every
/// key-encryption key, because a holder of the key can test guessed values against fingerprints.
/// </summary>
public sealed class SecretFingerprinter : IDisposable
{
    /// <summary>Minimum fingerprint key size in bytes (the HMAC-SHA256 output size).</summary>
    public const int MinimumKeySize = 32;

    private readonly byte[] _key;

    /// <summary>Creates a fingerprinter with a copy of <paramref name="key"/>, so callers may zero theirs.</summary>
    public SecretFingerprinter(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeySize)
        {
            throw new ArgumentException(
                $"The fingerprint key is {key.Length} bytes; it must be at least {MinimumKeySize} bytes.",
                nameof(key));
        }

        _key = GC.AllocateArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
    }

    /// <summary>Returns the fingerprint of <paramref name="plaintext"/> as 64 lowercase hex digits.</summary>
    public string Compute(ReadOnlySpan<byte> plaintext) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, plaintext));

    /// <summary>Compares two fingerprints in constant time.</summary>
    public static bool AreEqual(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(left), System.Text.Encoding.ASCII.GetBytes(right));
    }

    /// <summary>Zeroes the fingerprint key.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    /// <inheritdoc />
    public override string ToString() => "SecretFingerprinter(HMAC-SHA256, key redacted)";
}
