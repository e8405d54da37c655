using OrleansConfig.Configuration;

namespace OrleansConfig.Secrets;

/// <summary>
/// One secret of one environment, keyed by <see cref="GrainKeys.Secret"/>. Holds every version encrypted
/// (each under its own data key, wrapped by a key-encryption key), never a value in the clear, and its
/// rotation policy. Values enter through <see cref="Put"/> and leave only through <see cref="Reveal"/>,
/// which records an audit record first.
/// </summary>
[Alias("oc.secret")]
public interface ISecretGrain : IGrainWithStringKey
{
    [Alias("put")]
    Task<SecretResult> Put(SecretPut request);

    /// <summary>
    /// Writes a tombstone version. The encrypted versions stay, and re-creating continues the numbering.
    /// </summary>
    [Alias("delete")]
    Task<SecretResult> Delete(ConfigDelete request);

    /// <summary>
    /// Writes a new version with the value of <see cref="ConfigRollback.Version"/>, re-encrypted for the new
    /// version inside the grain, so the caller needs no right to read the value.
    /// </summary>
    [Alias("rollback")]
    Task<SecretResult> Rollback(ConfigRollback request);

    /// <summary>
    /// Destroys the ciphertext and fingerprint of every version and writes a tombstone version whose
    /// action is <c>purge</c>; the rotation policy is removed.
    /// </summary>
    [Alias("purge")]
    Task<SecretResult> Purge(SecretPurge request);

    /// <summary>Returns the metadata: versions, times, fingerprints, rotation; never the value.</summary>
    [Alias("get"), ReadOnly]
    Task<SecretResult> Get();

    /// <summary>Reads up to <paramref name="limit"/> versions older than <paramref name="before"/>.</summary>
    [Alias("versions"), ReadOnly]
    Task<SecretHistoryPage> GetVersions(int? before, int limit);

    /// <summary>
    /// Decrypts a version, records a <c>secret.reveal</c> audit record, and only then returns the value.
    /// A ciphertext that does not decrypt is recorded as <c>secret.integrity-failure</c> and never returned.
    /// </summary>
    [Alias("reveal")]
    Task<SecretReveal> Reveal(SecretRevealRequest request);

    [Alias("set-rotation")]
    Task<SecretResult> SetRotationPolicy(SecretRotationPolicyChange change);

    [Alias("remove-rotation")]
    Task<SecretResult> RemoveRotationPolicy(string author);

    /// <summary>Rotates now with the policy's generator, whether or not the rotation is due.</summary>
    [Alias("rotate")]
    Task<SecretResult> RotateNow(string author);

    /// <summary>
    /// Rotates when the secret is due under its policy and no retry backoff is pending; the reminder of
    /// the secret calls it. Returns <see cref="SecretStatus.Rotated"/>, <see cref="SecretStatus.NotDue"/>,
    /// <see cref="SecretStatus.NoPolicy"/> or <see cref="SecretStatus.RotationFailed"/>.
    /// </summary>
    [Alias("rotate-if-due")]
    Task<SecretStatus> RotateIfDue();

    /// <summary>Returns the latest rotation attempts, newest first.</summary>
    [Alias("rotation-history"), ReadOnly]
    Task<IReadOnlyList<SecretRotationAttempt>> GetRotationHistory(int limit);

    /// <summary>Re-wraps the data keys for a key-encryption key rotation; the values are never decrypted.</summary>
    [Alias("rewrap")]
    Task<SecretRewrapResult> Rewrap(SecretRewrapRequest request);
}
