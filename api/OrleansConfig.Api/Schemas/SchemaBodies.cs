using OrleansConfig.Api.Http;
using OrleansConfig.Schemas;

namespace OrleansConfig.Api.Schemas;

/// <summary>Which schema a violation failed.</summary>
public sealed record ViolatedSchemaBody(string Key, string? Environment, int Version);

/// <summary>
/// One schema violation as the api returns it. <c>value</c> is the failing part of the value as JSON, a string
/// ending in "…" when it was cut, or null for a secret.
/// </summary>
public sealed record ViolationBody(
    string Key, string Path, string Rule, string Message, object? Value, ViolatedSchemaBody Schema, string SchemaPath)
{
    public static ViolationBody From(SchemaViolation violation) => new(violation.Key, violation.Path,
        violation.Rule, violation.Message, ValueOf(violation.Value),
        new ViolatedSchemaBody(violation.SchemaKey, violation.SchemaEnvironment, violation.SchemaVersion),
        violation.SchemaPath);

    public static IReadOnlyList<ViolationBody> From(IEnumerable<SchemaViolation> violations) =>
        violations.Select(From).ToArray();

    private static object? ValueOf(string? value) => value switch
    {
        null => null,
        _ when value.EndsWith('…') => value,
        _ => new RawJson(value),
    };
}

/// <summary>The values of one environment that fail a schema.</summary>
public sealed record EnvironmentViolationsBody(
    string Environment, long Revision, int KeysChecked, IReadOnlyList<ViolationBody> Violations);

/// <summary>Existing values that fail a schema, per environment.</summary>
public sealed record SchemaDriftBody(
    int InvalidValues, int ViolationCount, IReadOnlyList<EnvironmentViolationsBody> Environments)
{
    public static SchemaDriftBody? From(SchemaDriftReport? report) => report is null
        ? null
        : new SchemaDriftBody(report.InvalidValueCount, report.ViolationCount, report.Environments
            .Select(e => new EnvironmentViolationsBody(e.Environment, e.Revision, e.KeysChecked,
                ViolationBody.From(e.Violations)))
            .ToArray());
}

/// <summary>A schema at one version, with the schema drift the call found when it checked values.</summary>
public sealed record SchemaBody(
    string Namespace,
    string Key,
    string? Environment,
    int Version,
    RawJson? Schema,
    bool Deleted,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    bool Forced,
    int InvalidValues,
    bool? Changed,
    SchemaDriftBody? Drift)
{
    public static SchemaBody From(string ns, SchemaEntry entry, bool? changed, SchemaDriftReport? report) =>
        From(ns, entry.Key, entry.Environment, entry.Current, changed, report);

    public static SchemaBody From(string ns, string key, string? environment, SchemaVersion version, bool? changed,
        SchemaDriftReport? report) => new(ns, key, environment, version.Version,
        version.Schema is null ? null : new RawJson(version.Schema), version.Schema is null, version.UpdatedAt,
        version.Author, version.Comment, version.Forced, version.ViolationCount, changed, SchemaDriftBody.From(report));
}

/// <summary>The result of a dry run: what saving the schema would find, with nothing saved.</summary>
public sealed record SchemaDryRunBody(string Namespace, string Key, string? Environment, bool Saved,
    int? CurrentVersion, SchemaDriftBody Drift);
