namespace OrleansConfig.Secrets;

/// <summary>How a rotation makes a new value.</summary>
[GenerateSerializer, Alias("oc.secret-generator-kind")]
public enum SecretGeneratorKind
{
    /// <summary>A random password of <see cref="SecretGenerator.Length"/> characters from the chosen classes.</summary>
    Password = 0,

    /// <summary><see cref="SecretGenerator.Length"/> random bytes, stored as base64 text.</summary>
    Bytes = 1,

    /// <summary>A POST to <see cref="SecretGenerator.WebhookUrl"/> that returns <c>{"value": "…"}</c>.</summary>
    Webhook = 2,
}

/// <summary>
/// The generator of a rotation policy. <see cref="Length"/> counts characters for a password and bytes for
/// random bytes; the character classes apply to passwords, which contain at least one character of each
/// chosen class.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-generator")]
public sealed record SecretGenerator(
    [property: Id(0)] SecretGeneratorKind Kind,
    [property: Id(1)] int Length = 0,
    [property: Id(2)] bool Lowercase = true,
    [property: Id(3)] bool Uppercase = true,
    [property: Id(4)] bool Digits = true,
    [property: Id(5)] bool Symbols = false,
    [property: Id(6)] string? WebhookUrl = null);

/// <summary>
/// Rotates a secret every <see cref="Interval"/>, counted from its current version, with
/// <see cref="Generator"/>. After each new value the version before it stays readable as <c>previous</c>
/// for <see cref="Overlap"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rotation-policy")]
public sealed record SecretRotationPolicy(
    [property: Id(0)] TimeSpan Interval,
    [property: Id(1)] TimeSpan Overlap,
    [property: Id(2)] SecretGenerator Generator);

/// <summary>
/// The state of a secret's rotation. <see cref="NextDueAt"/> is the current version's time plus the
/// interval; <see cref="Overdue"/> is true once it has passed without a rotation. After failures the next
/// attempt waits until <see cref="NextAttemptAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rotation-status")]
public sealed record SecretRotationStatus(
    [property: Id(0)] SecretRotationPolicy Policy,
    [property: Id(1)] DateTimeOffset? LastRotatedAt,
    [property: Id(2)] DateTimeOffset? NextDueAt,
    [property: Id(3)] bool Overdue,
    [property: Id(4)] int ConsecutiveFailures,
    [property: Id(5)] DateTimeOffset? NextAttemptAt,
    [property: Id(6)] string? LastError,
    [property: Id(7)] DateTimeOffset PolicySetAt,
    [property: Id(8)] string PolicySetBy);

/// <summary>
/// One rotation attempt: its trigger (<c>schedule</c> or <c>manual</c>), the version it wrote or the error
/// that left the secret unchanged, and the attempt number since the last success.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rotation-attempt")]
public sealed record SecretRotationAttempt(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Trigger,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] int? Version,
    [property: Id(4)] int Attempt,
    [property: Id(5)] string? Error,
    [property: Id(6)] string Actor);

/// <summary>Sets or replaces a secret's rotation policy.</summary>
[GenerateSerializer, Immutable, Alias("oc.secret-rotation-policy-change")]
public sealed record SecretRotationPolicyChange(
    [property: Id(0)] SecretRotationPolicy Policy,
    [property: Id(1)] string Author);
