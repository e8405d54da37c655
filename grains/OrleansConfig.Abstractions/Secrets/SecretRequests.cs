using OrleansConfig.Configuration;

namespace OrleansConfig.Secrets;

/// <summary>Sets a secret to a new value. <see cref="Name"/> keeps the case the caller wrote.</summary>
[GenerateSerializer, Alias("oc.secret-put")]
public sealed record SecretPut(
    [property: Id(0)] string Name,
    [property: Id(1)] SecretValue Value,
    [property: Id(2)] string Author,
    [property: Id(3)] string? Comment,
    [property: Id(4)] WriteConditions Conditions)
{
    /// <inheritdoc />
    public override string ToString() => $"SecretPut({Name}, {Value}, {Author})";
}

/// <summary>Destroys the ciphertext of every version of a secret; the versions' metadata stays.</summary>
[GenerateSerializer, Immutable, Alias("oc.secret-purge")]
public sealed record SecretPurge(
    [property: Id(0)] string Author,
    [property: Id(1)] string? Comment);

/// <summary>
/// Reveals a value: the current version, <see cref="Version"/>, or with <see cref="Previous"/> the version
/// before the current one while the rotation overlap lasts. <see cref="Justification"/> goes to the audit
/// record.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-reveal-request")]
public sealed record SecretRevealRequest(
    [property: Id(0)] int? Version,
    [property: Id(1)] bool Previous,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Justification);

/// <summary>
/// Re-wraps every data key of a secret that is not wrapped by <see cref="TargetKeyId"/>, or by an older
/// version of it than <see cref="TargetKeyVersion"/> (Vault Transit key versions).
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rewrap-request")]
public sealed record SecretRewrapRequest(
    [property: Id(0)] string TargetKeyId,
    [property: Id(1)] int? TargetKeyVersion);
