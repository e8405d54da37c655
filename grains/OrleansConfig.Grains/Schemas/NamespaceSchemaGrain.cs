using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;

namespace OrleansConfig.Schemas;

/// <summary>
/// The schemas of one namespace in one row. Reads, the schemas that apply to a key and batch validation
/// interleave; a write runs alone, so a key grain that queries while a schema is being saved gets the new one.
/// Each change is audited: its record is written with the row and then appended to the namespace's chain.
/// </summary>
public sealed partial class NamespaceSchemaGrain(
    [PersistentState(StorageNames.SchemaState, StorageNames.Provider)] IPersistentState<NamespaceSchemaState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    SchemaCompiler compiler,
    IOptions<AuditOptions> auditOptions,
    ILogger<NamespaceSchemaGrain> logger) : Grain, INamespaceSchemaGrain
{
    private string Namespace => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAudit();
        }
        catch (AuditUnavailableException)
        {
            // Left pending: the next change tries again and fails while the audit log is unavailable.
        }
    }

    public Task<SchemaResult> Get(string key, string? environment, int? version)
    {
        var record = Find(key, environment);
        if (record is null)
        {
            return Task.FromResult(NotFound(key, environment));
        }

        if (version is null)
        {
            return Task.FromResult(record.IsLive
                ? new SchemaResult(SchemaStatus.Found, record.ToEntry(), null, null)
                : SchemaResult.Failure(SchemaStatus.NotFound,
                    $"The schema of '{record.Key}'{ScopeText(environment)} was deleted at version "
                    + $"{record.Current.Version}; read an older version with ?version=N."));
        }

        var found = version >= 1 && version <= record.Versions.Count ? record.Versions[version.Value - 1] : null;
        var result = found is null
            ? SchemaResult.Failure(SchemaStatus.VersionNotFound,
                $"Version {version} of the schema of '{record.Key}' does not exist; it has versions 1 to "
                + $"{record.Versions.Count}.")
            : new SchemaResult(SchemaStatus.Found, new SchemaEntry(record.Key, record.Environment, found), null, null);

        return Task.FromResult(result);
    }

    public Task<SchemaHistory?> GetVersions(string key, string? environment)
    {
        var record = Find(key, environment);
        var history = record is null
            ? null
            : new SchemaHistory(record.Key, record.Environment, record.Versions.AsEnumerable().Reverse().ToArray());

        return Task.FromResult(history);
    }

    public Task<IReadOnlyList<SchemaEntry>> List()
    {
        IReadOnlyList<SchemaEntry> entries = state.State.Schemas
            .Where(record => record.IsLive)
            .OrderBy(record => SchemaPatterns.Normalize(record.Key), StringComparer.Ordinal)
            .ThenBy(record => record.Environment ?? "", StringComparer.Ordinal)
            .Select(record => record.ToEntry())
            .ToArray();

        return Task.FromResult(entries);
    }

    public Task<ApplicableSchemas> GetApplicable(string environment, string key, long knownRevision)
    {
        var result = knownRevision == state.State.Revision
            ? new ApplicableSchemas(state.State.Revision, null)
            : new ApplicableSchemas(state.State.Revision, Applicable(environment, key));

        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<SchemaViolation>> Validate(string environment, IReadOnlyList<SchemaCheckItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);

        var violations = new List<SchemaViolation>();
        foreach (var item in items)
        {
            violations.AddRange(compiler.Validate(item.Key, item.Value, Applicable(environment, item.Key)));
        }

        return Task.FromResult<IReadOnlyList<SchemaViolation>>(violations);
    }

    public async Task<SchemaResult> CheckExisting(string key, string? environment)
    {
        var record = Find(key, environment);
        if (record is not { IsLive: true })
        {
            return NotFound(key, environment);
        }

        var report = await CheckValues(record.ToDocument());

        return new SchemaResult(SchemaStatus.Found, record.ToEntry(), report, null);
    }

    /// <summary>
    /// Returns the schemas that apply to <paramref name="key"/>: per matching pattern, the environment's own
    /// schema when it has one, else the namespace-wide one.
    /// </summary>
    private SchemaDocument[] Applicable(string environment, string key) => state.State.Schemas
        .Where(record => record.IsLive && SchemaPatterns.Matches(record.Key, key)
            && (record.Environment is null || record.Environment == environment))
        .GroupBy(record => SchemaPatterns.Normalize(record.Key), StringComparer.Ordinal)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => (group.FirstOrDefault(record => record.Environment is not null) ?? group.First()).ToDocument())
        .ToArray();

    private SchemaRecord? Find(string key, string? environment) =>
        state.State.Schemas.FirstOrDefault(record => record.Is(key, environment));

    private static SchemaResult NotFound(string key, string? environment) => SchemaResult.Failure(
        SchemaStatus.NotFound, $"No schema is attached to '{key}'{ScopeText(environment)}.");

    private static string ScopeText(string? environment) =>
        environment is null ? " for all environments" : $" for environment '{environment}'";

    private Task FlushAudit() =>
        AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);
}
