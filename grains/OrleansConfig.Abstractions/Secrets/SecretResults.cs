namespace OrleansConfig.Secrets;

/// <summary>Outcome of a secret read or write; failures are values, not exceptions.</summary>
public enum SecretStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    Purged,
    Found,
    Rotated,
    NotFound,
    EnvironmentNotFound,
    PreconditionFailed,
    CaseConflict,
    InvalidName,
    InvalidValue,
    ValueTooLarge,
    VersionNotFound,

    /// <summary>The version records a deletion, or its value was purged.</summary>
    VersionHasNoValue,

    /// <summary><c>previous</c> was requested, but no rotation overlap is in effect.</summary>
    NoPrevious,

    /// <summary>A stored ciphertext did not decrypt: it was changed or moved from another record.</summary>
    IntegrityFailure,

    /// <summary>A key-encryption key is missing, retired, or its provider (Vault) failed.</summary>
    KeyUnavailable,

    /// <summary>The audit log cannot be written, so the change or reveal was not made.</summary>
    AuditUnavailable,
    InvalidPolicy,
    NoPolicy,

    /// <summary>The generator failed; the current version is unchanged and the rotation is retried later.</summary>
    RotationFailed,

    /// <summary>The secret's rotation is not due yet, or its retry waits for its backoff.</summary>
    NotDue,
}

/// <summary>
/// Result of a secret operation. <see cref="Secret"/> describes the secret after the call (never its
/// value); <see cref="Detail"/> explains a failure; <see cref="LatestVersion"/> is 0 when it has none.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-result")]
public sealed record SecretResult(
    [property: Id(0)] SecretStatus Status,
    [property: Id(1)] SecretInfo? Secret,
    [property: Id(2)] string? Detail,
    [property: Id(3)] int LatestVersion)
{
    public bool IsSuccess => Status is SecretStatus.Created or SecretStatus.Updated or SecretStatus.Unchanged
        or SecretStatus.Deleted or SecretStatus.Purged or SecretStatus.Found or SecretStatus.Rotated;

    public static SecretResult Failure(SecretStatus status, string detail, int latest = 0) =>
        new(status, null, detail, latest);
}

/// <summary>
/// One version of a secret without its value. <see cref="HasValue"/> is false for a deletion and after a
/// purge (<see cref="Destroyed"/>). <see cref="Fingerprint"/> is a keyed HMAC-SHA256 of the value, equal for
/// equal values; <see cref="KeyEncryptionKeyId"/> names the key that wraps the version's data key.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-version-info")]
public sealed record SecretVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] string Author,
    [property: Id(3)] string? Comment,
    [property: Id(4)] int? RolledBackFrom,
    [property: Id(5)] string? Action,
    [property: Id(6)] bool HasValue,
    [property: Id(7)] bool Destroyed,
    [property: Id(8)] string? Fingerprint,
    [property: Id(9)] string? KeyEncryptionKeyId,
    [property: Id(10)] int? KeyEncryptionKeyVersion);

/// <summary>
/// A secret's metadata: its name as written, current version, the version readable as <c>previous</c>
/// while a rotation overlap lasts, and its rotation status when it has a policy.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-info")]
public sealed record SecretInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] SecretVersionInfo Current,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] SecretPreviousInfo? Previous,
    [property: Id(4)] SecretRotationStatus? Rotation)
{
    public bool Deleted => !Current.HasValue;
}

/// <summary>The version readable as <c>previous</c>, and until when.</summary>
[GenerateSerializer, Immutable, Alias("oc.secret-previous")]
public sealed record SecretPreviousInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset ReadableUntil);

/// <summary>A page of a secret's history, newest first. <see cref="NextBefore"/> continues it.</summary>
[GenerateSerializer, Immutable, Alias("oc.secret-history")]
public sealed record SecretHistoryPage(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<SecretVersionInfo> Versions,
    [property: Id(2)] int? NextBefore);

/// <summary>
/// A revealed value. <see cref="Value"/> is set only when <see cref="Status"/> is <see cref="SecretStatus.Found"/>;
/// the reveal was recorded in the audit log before it was returned.
/// </summary>
[GenerateSerializer, Alias("oc.secret-reveal")]
public sealed record SecretReveal(
    [property: Id(0)] SecretStatus Status,
    [property: Id(1)] string? Name,
    [property: Id(2)] int Version,
    [property: Id(3)] SecretValue? Value,
    [property: Id(4)] string? Fingerprint,
    [property: Id(5)] string? Detail,
    [property: Id(6)] int LatestVersion)
{
    /// <inheritdoc />
    public override string ToString() => $"SecretReveal({Status}, {Name}@{Version}, {Value?.ToString() ?? "no value"})";
}

/// <summary>
/// What a re-wrap did: how many data keys it wrapped again, how many still name another key (after a
/// failure), and the key-encryption keys the secret's versions name afterwards ("id" or "id v3").
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rewrap-result")]
public sealed record SecretRewrapResult(
    [property: Id(0)] int Rewrapped,
    [property: Id(1)] int Remaining,
    [property: Id(2)] IReadOnlyList<string> KeyReferences,
    [property: Id(3)] string? Error);
