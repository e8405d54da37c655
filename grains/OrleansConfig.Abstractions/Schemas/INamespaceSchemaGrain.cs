namespace OrleansConfig.Schemas;

/// <summary>
/// The JSON Schemas (draft 2020-12) of one namespace, keyed by the namespace name. A schema is attached to a
/// key or prefix pattern (<see cref="SchemaPatterns"/>) for every environment or for one; each change is a
/// new version, audited. A key's value must pass the schema of every pattern that matches it; for each
/// pattern, an environment's own schema is used in place of the namespace-wide one. Every change raises the
/// namespace's schema revision, which key grains compare to reuse the schemas they compiled.
/// </summary>
[Alias("oc.namespace-schemas")]
public interface INamespaceSchemaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Saves a schema after checking the existing values it covers, or only reports them for
    /// <see cref="SchemaWriteMode.DryRun"/>.
    /// </summary>
    [Alias("put")]
    Task<SchemaResult> Put(SchemaPut request);

    [Alias("delete")]
    Task<SchemaResult> Delete(SchemaDelete request);

    /// <summary>Reads the current version of a schema, or <paramref name="version"/> when given.</summary>
    [Alias("get"), ReadOnly]
    Task<SchemaResult> Get(string key, string? environment, int? version);

    /// <summary>Returns every version of a schema, or null when none was ever written.</summary>
    [Alias("versions"), ReadOnly]
    Task<SchemaHistory?> GetVersions(string key, string? environment);

    /// <summary>Returns every schema that is attached now, sorted by key and environment.</summary>
    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<SchemaEntry>> List();

    /// <summary>
    /// Returns the schemas that apply to <paramref name="key"/> in <paramref name="environment"/>, or only the
    /// revision when it equals <paramref name="knownRevision"/>.
    /// </summary>
    [Alias("applicable"), ReadOnly]
    Task<ApplicableSchemas> GetApplicable(string environment, string key, long knownRevision);

    /// <summary>Checks values against the schemas of their keys in <paramref name="environment"/>.</summary>
    [Alias("validate"), ReadOnly]
    Task<IReadOnlyList<SchemaViolation>> Validate(string environment, IReadOnlyList<SchemaCheckItem> items);

    /// <summary>
    /// Reports the existing values that fail the saved schema of <paramref name="key"/>, per environment it
    /// applies to.
    /// </summary>
    [Alias("check-existing"), ReadOnly]
    Task<SchemaResult> CheckExisting(string key, string? environment);
}
