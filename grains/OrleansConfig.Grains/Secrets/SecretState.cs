using OrleansConfig.Audit;
using OrleansConfig.Items;

namespace OrleansConfig.Secrets;

/// <summary>
/// Persisted state of a secret grain, stored as JSON. A version's value is its envelope (base64 of
/// <c>SecretEnvelopeCodec</c>): ciphertext, wrapped data key and key-encryption key id, never the value in
/// the clear; a null value is a tombstone, or a version whose value a purge destroyed.
/// </summary>
public sealed class SecretState : VersionedItemState
{
    /// <summary>What the versions that have or had a value hold besides their envelope.</summary>
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

    /// <summary>Returns the details of <paramref name="version"/>, or null for a tombstone.</summary>
    public SecretVersionDetails? DetailsOf(int version) => Details.FindLast(d => d.Version == version);

    /// <summary>Returns a copy whose lists can change without changing this state's.</summary>
    public SecretState Copy() => new()
    {
        Key = Key,
        Versions = [.. Versions],
        Details = [.. Details],
        Policy = Policy,
        PolicySetAt = PolicySetAt,
        PolicySetBy = PolicySetBy,
        ConsecutiveFailures = ConsecutiveFailures,
        NextAttemptAt = NextAttemptAt,
        LastRotationError = LastRotationError,
        RotationHistory = [.. RotationHistory],
        PendingAudit = [.. PendingAudit],
    };

    /// <summary>Sets every property to that of <paramref name="source"/>, sharing its lists.</summary>
    public void RestoreFrom(SecretState source)
    {
        ArgumentNullException.ThrowIfNull(source);

        Key = source.Key;
        Versions = source.Versions;
        Details = source.Details;
        Policy = source.Policy;
        PolicySetAt = source.PolicySetAt;
        PolicySetBy = source.PolicySetBy;
        ConsecutiveFailures = source.ConsecutiveFailures;
        NextAttemptAt = source.NextAttemptAt;
        LastRotationError = source.LastRotationError;
        RotationHistory = source.RotationHistory;
        PendingAudit = source.PendingAudit;
    }
}

/// <summary>
/// What one version with a value has besides its envelope: the keyed fingerprint of its value and the
/// key that wraps its data key. <see cref="Destroyed"/> is set when a purge destroyed the envelope.
/// </summary>
public sealed record SecretVersionDetails(
    int Version,
    string? Fingerprint,
    string? KeyEncryptionKeyId,
    int? KeyEncryptionKeyVersion,
    bool Destroyed = false);
