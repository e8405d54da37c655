using OrleansConfig.Schemas;

namespace OrleansConfig.Configuration;

public sealed partial class ConfigKeyGrain
{
    /// <summary>The namespace's schema revision of <see cref="_schemas"/>; -1 before the first check.</summary>
    private long _schemaRevision = -1;

    /// <summary>The schemas that apply to this key, as of <see cref="_schemaRevision"/>.</summary>
    private IReadOnlyList<SchemaDocument> _schemas = [];

    /// <summary>
    /// Returns a <see cref="ConfigStatus.SchemaViolation"/> failure when <paramref name="value"/> fails a schema
    /// attached to the key. Each check queries the namespace's schema grain whether its schema revision moved;
    /// the schemas themselves travel only after a change, and the silo's compiler reuses compiled ones.
    /// </summary>
    protected override async Task<ConfigResult?> CheckValue(string key, string value)
    {
        var schemas = GrainFactory.GetGrain<INamespaceSchemaGrain>(Namespace);
        var applicable = await schemas.GetApplicable(Environment, key, _schemaRevision);
        if (applicable.Schemas is { } changed)
        {
            _schemas = changed;
        }

        _schemaRevision = applicable.Revision;
        var violations = compiler.Validate(key, value, _schemas);
        if (violations.Count == 0)
        {
            return null;
        }

        return ConfigResult.Failure(ConfigStatus.SchemaViolation,
            $"The value of '{key}' fails its schema, so it was not written: {SchemaViolations.Describe(violations)}.",
            State.Key ?? key, LatestVersion) with { Violations = violations };
    }
}
