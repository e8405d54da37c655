namespace OrleansConfig.Configuration;

/// <summary>Outcome of a configuration read or write; failures are values, not exceptions.</summary>
public enum ConfigStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    Found,
    NotFound,
    EnvironmentNotFound,
    PreconditionFailed,
    CaseConflict,
    InvalidKey,
    InvalidValue,
    ValueTooLarge,
    VersionNotFound,
    VersionIsDeletion,

    /// <summary>The audit log cannot be written for this scope, so the change was not made.</summary>
    AuditUnavailable,

    /// <summary>The item's state forbids the change (for example an archived flag must be restored first).</summary>
    Conflict,

    /// <summary>The value fails a schema of its key; <see cref="ConfigResult.Violations"/> lists how.</summary>
    SchemaViolation,
}

/// <summary>
/// Result of a read or a write of one key. <see cref="Current"/> is the version the key is at after
/// the call, or the version that was read; <see cref="Detail"/> explains a failure, and
/// <see cref="Violations"/> lists the schema violations of a <see cref="ConfigStatus.SchemaViolation"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.config-result")]
public sealed record ConfigResult(
    [property: Id(0)] ConfigStatus Status,
    [property: Id(1)] string? Key,
    [property: Id(2)] ConfigVersion? Current,
    [property: Id(3)] string? Detail,
    [property: Id(4)] int LatestVersion,
    [property: Id(5)] IReadOnlyList<Schemas.SchemaViolation>? Violations = null)
{
    public bool IsSuccess => Status is ConfigStatus.Created or ConfigStatus.Updated or ConfigStatus.Unchanged
        or ConfigStatus.Deleted or ConfigStatus.Found;

    public static ConfigResult Failure(ConfigStatus status, string detail, string? key = null, int latest = 0) =>
        new(status, key, null, detail, latest);
}

/// <summary>A page of a key's history, newest first. <see cref="NextBefore"/> continues it.</summary>
[GenerateSerializer, Immutable, Alias("oc.config-history")]
public sealed record ConfigHistoryPage(
    [property: Id(0)] string? Key,
    [property: Id(1)] IReadOnlyList<ConfigVersion> Versions,
    [property: Id(2)] int? NextBefore);
