using OrleansConfig.Configuration;

namespace OrleansConfig.Schemas;

public sealed partial class NamespaceSchemaGrain
{
    /// <summary>
    /// Checks the current values that <paramref name="schema"/> covers: in its one environment, or in every
    /// environment of the namespace that has no schema of its own for the same pattern.
    /// </summary>
    private async Task<SchemaDriftReport> CheckValues(SchemaDocument schema)
    {
        var environments = schema.Environment is { } one ? [one] : await EnvironmentsWithoutOverride(schema.Key);
        var reports = new List<EnvironmentViolations>();
        foreach (var environment in environments)
        {
            var grain = GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(Namespace, environment));
            var snapshot = await grain.GetSnapshot(SchemaPatterns.SnapshotPrefix(schema.Key));
            if (snapshot.Entries is null)
            {
                continue;
            }

            var covered = snapshot.Entries.Where(entry => SchemaPatterns.Matches(schema.Key, entry.Key)).ToArray();
            var violations = covered
                .SelectMany(entry => compiler.Validate(entry.Key, entry.Value, [schema]))
                .ToArray();
            reports.Add(new EnvironmentViolations(environment, snapshot.Revision, covered.Length, violations));
        }

        return new SchemaDriftReport(reports);
    }

    private async Task<IReadOnlyList<string>> EnvironmentsWithoutOverride(string key)
    {
        var info = await GrainFactory.GetGrain<ICatalogGrain>(0).GetNamespace(Namespace);
        var overridden = state.State.Schemas
            .Where(record => record.IsLive && record.Environment is not null
                && string.Equals(record.Key, key, StringComparison.OrdinalIgnoreCase))
            .Select(record => record.Environment!)
            .ToHashSet(StringComparer.Ordinal);

        return (info?.Environments ?? []).Where(env => !overridden.Contains(env)).Order(StringComparer.Ordinal)
            .ToArray();
    }
}
