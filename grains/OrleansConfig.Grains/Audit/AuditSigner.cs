using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansConfig.Audit;

/// <summary>
/// The server key of the audit log, from <c>ORLEANSCONFIG_AUDIT_KEY</c> (at least 32 bytes as base64 or
/// hex). Keys derived from it link the chain, sign checkpoints and compute the keyed hashes that
/// identify values in audit records without revealing them. The key never reaches PostgreSQL, so
/// someone who can write the database can neither forge a record nor a checkpoint.
/// </summary>
public sealed class AuditSigner
{
    public const string Variable = "ORLEANSCONFIG_AUDIT_KEY";

    private readonly byte[] _signingKey;
    private readonly byte[] _fingerprintKey;
    private readonly byte[] _chainKey;
    private readonly byte[] _secretFingerprintKey;

    public AuditSigner(byte[] key, bool ephemeral)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException(
                $"{Variable} must be at least 32 bytes long; it is {key.Length} bytes.", nameof(key));
        }

        _signingKey = HMACSHA256.HashData(key, "orleansconfig audit checkpoint"u8);
        _fingerprintKey = HMACSHA256.HashData(key, "orleansconfig value fingerprint"u8);
        _chainKey = HMACSHA256.HashData(key, "orleansconfig audit chain"u8);
        _secretFingerprintKey = HMACSHA256.HashData(key, "orleansconfig secret fingerprint"u8);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(_signingKey))[..16];
        IsEphemeral = ephemeral;
    }

    /// <summary>Names the key in checkpoints, so that a verifier can tell which key signed them.</summary>
    public string KeyId { get; }

    /// <summary>
    /// True when the key was generated at start, so checkpoints it signed fail verification after a restart.
    /// </summary>
    public bool IsEphemeral { get; }

    /// <summary>Reads the key from the environment, or generates one for this process when it is unset.</summary>
    public static AuditSigner FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AuditSigner(RandomNumberGenerator.GetBytes(32), ephemeral: true);
        }

        return new AuditSigner(Parse(text.Trim()), ephemeral: false);
    }

    public static byte[] Parse(string text)
    {
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(text);
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{Variable} is neither hex nor base64; generate one with: openssl rand -hex 32");
        }
    }

    /// <summary>Computes the chain hash of a record; see <see cref="AuditHashing"/>.</summary>
    public byte[] Link(string chain, long seq, AuditRecord record, byte[] previousHash) =>
        AuditHashing.Hash(_chainKey, chain, seq, record, previousHash);

    public byte[] Sign(string chain, long seq, byte[] hash, DateTimeOffset signedAt) =>
        HMACSHA256.HashData(_signingKey, CheckpointText(chain, seq, hash, signedAt));

    public bool Verify(string chain, long seq, byte[] hash, DateTimeOffset signedAt, byte[] signature) =>
        CryptographicOperations.FixedTimeEquals(Sign(chain, seq, hash, signedAt), signature);

    /// <summary>
    /// Returns a keyed hash of a value: equal values give equal fingerprints, and none reveals its value.
    /// </summary>
    public string Fingerprint(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_fingerprintKey, Encoding.UTF8.GetBytes(value)))[..32];

    /// <summary>
    /// Creates the fingerprinter of secret values, keyed by a key derived from the audit key, so every silo
    /// computes the same fingerprints and none of them can be checked without the audit key.
    /// </summary>
    public Secrets.Envelope.SecretFingerprinter CreateSecretFingerprinter() => new(_secretFingerprintKey);

    private static byte[] CheckpointText(string chain, long seq, byte[] hash, DateTimeOffset signedAt) =>
        Encoding.UTF8.GetBytes(string.Join('|', chain, seq.ToString(CultureInfo.InvariantCulture),
            Convert.ToHexStringLower(hash),
            AuditHashing.ToStoredPrecision(signedAt).UtcTicks.ToString(CultureInfo.InvariantCulture)));
}
