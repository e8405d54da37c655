namespace OrleansConfig.Schemas;

/// <summary>
/// One version of a schema. <see cref="Schema"/> is the JSON Schema text as written, or null for the version
/// that records a deletion. <see cref="Forced"/> marks a version saved although <see cref="ViolationCount"/>
/// existing values failed it.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.schema-version")]
public sealed record SchemaVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string? Schema,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] string Author,
    [property: Id(4)] string? Comment,
    [property: Id(5)] bool Forced,
    [property: Id(6)] int ViolationCount);

/// <summary>
/// A schema attached to <see cref="Key"/> (a key or a prefix pattern, as written) for one environment, or for
/// every environment of the namespace when <see cref="Environment"/> is null, at its current version.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.schema-entry")]
public sealed record SchemaEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Environment,
    [property: Id(2)] SchemaVersion Current);

/// <summary>A schema that applies to a key, as the key grain compiles it.</summary>
[GenerateSerializer, Immutable, Alias("oc.schema-document")]
public sealed record SchemaDocument(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Environment,
    [property: Id(2)] int Version,
    [property: Id(3)] string Schema);

/// <summary>
/// The schemas that apply to one key at the namespace's schema <see cref="Revision"/>; <see cref="Schemas"/> is
/// null when the caller already has that revision.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.applicable-schemas")]
public sealed record ApplicableSchemas(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<SchemaDocument>? Schemas);

/// <summary>How a schema write treats existing values that fail the new schema.</summary>
[GenerateSerializer, Alias("oc.schema-write-mode")]
public enum SchemaWriteMode
{
    /// <summary>Saves unless existing values fail the schema; then nothing is saved.</summary>
    Save = 0,

    /// <summary>Reports the existing values that would fail, and saves nothing.</summary>
    DryRun = 1,

    /// <summary>Saves even though existing values fail; the audit record records it.</summary>
    Force = 2,
}

/// <summary>
/// Attaches a schema to a key or prefix. <see cref="IfMatchVersion"/> is the current version expected.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.schema-put")]
public sealed record SchemaPut(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Environment,
    [property: Id(2)] string Schema,
    [property: Id(3)] string Author,
    [property: Id(4)] string? Comment,
    [property: Id(5)] SchemaWriteMode Mode,
    [property: Id(6)] int? IfMatchVersion);

/// <summary>Detaches a schema, as a version that records the deletion.</summary>
[GenerateSerializer, Immutable, Alias("oc.schema-delete")]
public sealed record SchemaDelete(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Environment,
    [property: Id(2)] string Author,
    [property: Id(3)] string? Comment,
    [property: Id(4)] int? IfMatchVersion);

/// <summary>Outcome of a schema call; failures are values, not exceptions.</summary>
public enum SchemaStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    DryRun,
    Found,
    NotFound,
    NamespaceNotFound,
    EnvironmentNotFound,
    InvalidKey,
    InvalidSchema,

    /// <summary>Existing values fail the new schema, and the write was not forced; nothing was saved.</summary>
    DriftFound,
    PreconditionFailed,
    VersionNotFound,
    AuditUnavailable,
}

/// <summary>
/// Result of a schema call: the entry after it (or the one read), the existing values that fail the schema
/// when the call checked them, and a message on failure.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.schema-result")]
public sealed record SchemaResult(
    [property: Id(0)] SchemaStatus Status,
    [property: Id(1)] SchemaEntry? Entry,
    [property: Id(2)] SchemaDriftReport? Report,
    [property: Id(3)] string? Detail)
{
    public bool IsSuccess => Status is SchemaStatus.Created or SchemaStatus.Updated or SchemaStatus.Unchanged
        or SchemaStatus.Deleted or SchemaStatus.DryRun or SchemaStatus.Found;

    public static SchemaResult Failure(SchemaStatus status, string detail, SchemaDriftReport? report = null) =>
        new(status, null, report, detail);
}

/// <summary>The existing values that fail a schema, per environment (schema drift).</summary>
[GenerateSerializer, Immutable, Alias("oc.schema-drift-report")]
public sealed record SchemaDriftReport([property: Id(0)] IReadOnlyList<EnvironmentViolations> Environments)
{
    public int ViolationCount => Environments.Sum(e => e.Violations.Count);

    /// <summary>The number of values with at least one violation.</summary>
    public int InvalidValueCount => Environments.Sum(e => e.Violations.Select(v => v.Key).Distinct().Count());
}

/// <summary>The values of one environment at <see cref="Revision"/> that fail a schema.</summary>
[GenerateSerializer, Immutable, Alias("oc.environment-violations")]
public sealed record EnvironmentViolations(
    [property: Id(0)] string Environment,
    [property: Id(1)] long Revision,
    [property: Id(2)] int KeysChecked,
    [property: Id(3)] IReadOnlyList<SchemaViolation> Violations);

/// <summary>Every version of one schema, newest first.</summary>
[GenerateSerializer, Immutable, Alias("oc.schema-history")]
public sealed record SchemaHistory(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Environment,
    [property: Id(2)] IReadOnlyList<SchemaVersion> Versions);

/// <summary>A value to check against the schemas of its key.</summary>
[GenerateSerializer, Immutable, Alias("oc.schema-check-item")]
public sealed record SchemaCheckItem(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value);
