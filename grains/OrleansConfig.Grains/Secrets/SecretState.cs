using OrleansConfig.Audit;
using OrleansConfig.Configuration;

namespace OrleansConfig.Secrets;

/// <summary>
/// Persisted state of a secret grain, stored as JSON. The environment reads <c>key</c> and
/// <c>versions</c> from it as from <see cref="ConfigKeyState"/>, so renaming these properties changes the
/// storage format. A version's value is its envelope (base64 of <c>SecretEnvelopeCodec</c>): ciphertext,
/// wrapped data key and key-encryption key id, never the value in the clear.
/// </summary>
public sealed class SecretState
{
    /// <summary>The name in the case it was last created with; null before the first write.</summary>
    public string? Key { get; set; }

    /// <summary>Every version, oldest first, numbered from 1 without gaps; a null value is a tombstone.</summary>
    public List<ConfigVersion> Versions { get; set; } = [];

    /// <summary>What each version of <see cref="Versions"/> is, at the same index.</summary>
    public List<SecretVersionDetails> Details { get; set; } = [];

    public SecretRotationPolicy? Policy { get; set; }

    public DateTimeOffset? PolicySetAt { get; set; }

    public string? PolicySetBy { get; set; }

    /// <summary>Failed rotations since the last success.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The earliest time of the next attempt after a failure.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastRotationError { get; set; }

    /// <summary>The latest rotation attempts, oldest first.</summary>
    public List<SecretRotationAttempt> RotationHistory { get; set; } = [];

    /// <summary>Audit records of actions stored here but not yet confirmed by their chain.</summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}

/// <summary>
/// What one version holds besides its envelope: the keyed fingerprint of its value and the key that wraps
/// its data key. <see cref="Destroyed"/> is set when a purge destroyed the envelope.
/// </summary>
public sealed record SecretVersionDetails(
    int Version,
    string? Fingerprint,
    string? KeyEncryptionKeyId,
    int? KeyEncryptionKeyVersion,
    bool Destroyed = false);
