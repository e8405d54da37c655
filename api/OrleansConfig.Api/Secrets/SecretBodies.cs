using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>A secret's metadata as the api returns it: never its value.</summary>
public sealed record SecretBody(
    string Namespace,
    string Environment,
    string Name,
    int Version,
    bool Deleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom,
    string? Action,
    string? Fingerprint,
    string? KeyEncryptionKey,
    SecretPreviousBody? Previous,
    SecretRotationBody? Rotation,
    bool? Changed)
{
    public static SecretBody From(string ns, string env, SecretInfo info, bool? changed = null) => new(ns, env,
        info.Name, info.Current.Version, info.Deleted, info.CreatedAt, info.Current.UpdatedAt, info.Current.Author,
        info.Current.Comment, info.Current.RolledBackFrom, info.Current.Action, info.Current.Fingerprint,
        KeyName(info.Current),
        info.Previous is { } previous ? new SecretPreviousBody(previous.Version, previous.ReadableUntil) : null,
        info.Rotation is { } rotation ? SecretRotationBody.From(rotation) : null, changed);

    /// <summary>Names the key-encryption key of a version as "id" or, for a Vault key version, "id v3".</summary>
    public static string? KeyName(SecretVersionInfo version) => version.KeyEncryptionKeyVersion is int number
        ? $"{version.KeyEncryptionKeyId} v{number}"
        : version.KeyEncryptionKeyId;
}

/// <summary>The version readable as <c>previous</c> and until when.</summary>
public sealed record SecretPreviousBody(int Version, DateTimeOffset ReadableUntil);

/// <summary>One version without its value; <c>hasValue</c> is false for a deletion or a purged version.</summary>
public sealed record SecretVersionBody(
    int Version,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom,
    string? Action,
    bool HasValue,
    bool Destroyed,
    string? Fingerprint,
    string? KeyEncryptionKey)
{
    public static SecretVersionBody From(SecretVersionInfo version) => new(version.Version, version.UpdatedAt,
        version.Author, version.Comment, version.RolledBackFrom, version.Action, version.HasValue, version.Destroyed,
        version.Fingerprint, SecretBody.KeyName(version));
}

public sealed record SecretHistoryBody(string Name, IReadOnlyList<SecretVersionBody> Versions, int? NextBefore);

/// <summary>One live secret in a listing.</summary>
public sealed record SecretListEntryBody(
    string Name,
    int Version,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Fingerprint,
    string? KeyEncryptionKey,
    DateTimeOffset? NextRotationAt);

public sealed record SecretListBody(
    string Namespace,
    string Environment,
    long Revision,
    IReadOnlyList<SecretListEntryBody> Secrets);

/// <summary>A rotation policy in HTTP: durations as ISO 8601 (<c>P30D</c>), the generator by kind name.</summary>
public sealed record SecretPolicyBody(string Interval, string Overlap, SecretGeneratorBody Generator)
{
    public static SecretPolicyBody From(SecretRotationPolicy policy) => new(
        System.Xml.XmlConvert.ToString(policy.Interval), System.Xml.XmlConvert.ToString(policy.Overlap),
        SecretGeneratorBody.From(policy.Generator));
}

/// <summary>
/// A generator in HTTP. <c>length</c> counts characters of a password or bytes of random bytes; the
/// character classes apply to passwords; <c>url</c> to webhooks.
/// </summary>
public sealed record SecretGeneratorBody(
    string? Kind,
    int? Length,
    bool? Lowercase,
    bool? Uppercase,
    bool? Digits,
    bool? Symbols,
    string? Url)
{
    public static SecretGeneratorBody From(SecretGenerator generator) => generator.Kind switch
    {
        SecretGeneratorKind.Webhook => new("webhook", null, null, null, null, null, generator.WebhookUrl),
        SecretGeneratorKind.Bytes => new("bytes", generator.Length, null, null, null, null, null),
        _ => new("password", generator.Length, generator.Lowercase, generator.Uppercase, generator.Digits,
            generator.Symbols, null),
    };
}

/// <summary>A secret's rotation: its policy and its state.</summary>
public sealed record SecretRotationBody(
    SecretPolicyBody Policy,
    DateTimeOffset? LastRotatedAt,
    DateTimeOffset? NextDueAt,
    bool Overdue,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset PolicySetAt,
    string PolicySetBy)
{
    public static SecretRotationBody From(SecretRotationStatus status) => new(SecretPolicyBody.From(status.Policy),
        status.LastRotatedAt, status.NextDueAt, status.Overdue, status.ConsecutiveFailures, status.NextAttemptAt,
        status.LastError, status.PolicySetAt, status.PolicySetBy);
}

/// <summary>One rotation attempt in a history.</summary>
public sealed record SecretRotationAttemptBody(
    DateTimeOffset Time,
    string Trigger,
    bool Succeeded,
    int? Version,
    int Attempt,
    string? Error,
    string Actor)
{
    public static SecretRotationAttemptBody From(SecretRotationAttempt attempt) => new(attempt.Time,
        attempt.Trigger, attempt.Succeeded, attempt.Version, attempt.Attempt, attempt.Error, attempt.Actor);
}

/// <summary>One secret with a policy in a rotation report.</summary>
public sealed record SecretRotationReportEntryBody(
    string Environment,
    string Name,
    int Version,
    SecretRotationBody Rotation,
    IReadOnlyList<SecretRotationAttemptBody> RecentAttempts);

public sealed record SecretRotationReportBody(
    string Namespace,
    string? Environment,
    DateTimeOffset GeneratedAt,
    bool OverdueOnly,
    int Total,
    int Overdue,
    int Failing,
    IReadOnlyList<SecretRotationReportEntryBody> Secrets);
