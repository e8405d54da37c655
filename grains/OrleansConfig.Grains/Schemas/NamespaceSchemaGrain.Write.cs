using OrleansConfig.Audit;
using OrleansConfig.Configuration;

namespace OrleansConfig.Schemas;

public sealed partial class NamespaceSchemaGrain
{
    public async Task<SchemaResult> Put(SchemaPut request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var problem = await CheckTarget(request.Key, request.Environment);
        if (problem is not null)
        {
            return problem;
        }

        var (_, schemaProblem) = SchemaCompiler.TryCompile(request.Schema);
        if (schemaProblem is not null)
        {
            return SchemaResult.Failure(SchemaStatus.InvalidSchema, schemaProblem);
        }

        var record = Find(request.Key, request.Environment);
        if (CheckVersion(record, request.IfMatchVersion) is { } precondition)
        {
            return precondition;
        }

        if (record is { IsLive: true } && record.Current.Schema == request.Schema)
        {
            return new SchemaResult(SchemaStatus.Unchanged, record.ToEntry(), null, null);
        }

        var nextVersion = (record?.Versions.Count ?? 0) + 1;
        var report = await CheckValues(new SchemaDocument(request.Key, request.Environment, nextVersion,
            request.Schema));
        if (request.Mode == SchemaWriteMode.DryRun)
        {
            return new SchemaResult(SchemaStatus.DryRun, record?.ToEntry(), report, null);
        }

        if (request.Mode == SchemaWriteMode.Save && report.ViolationCount > 0)
        {
            return SchemaResult.Failure(SchemaStatus.DriftFound,
                $"{report.InvalidValueCount} existing value(s) fail the new schema, so it was not saved: "
                + $"{SchemaViolations.Describe(report.Environments.SelectMany(e => e.Violations).ToArray())}. "
                + "Fix the values first, or save with force=true to attach it anyway (audited).", report);
        }

        var forced = report.ViolationCount > 0;
        var saved = await Save(record, request.Key, request.Environment, request.Schema, request.Author,
            request.Comment, forced, report.InvalidValueCount);
        LogSchemaSaved(Namespace, request.Key, request.Environment ?? "*", saved.Current.Version, forced,
            report.InvalidValueCount);
        var status = record is { IsLive: true } ? SchemaStatus.Updated : SchemaStatus.Created;

        return new SchemaResult(status, saved.ToEntry(), report, null);
    }

    public async Task<SchemaResult> Delete(SchemaDelete request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var record = Find(request.Key, request.Environment);
        if (record is not { IsLive: true })
        {
            return NotFound(request.Key, request.Environment);
        }

        if (CheckVersion(record, request.IfMatchVersion) is { } precondition)
        {
            return precondition;
        }

        var saved = await Save(record, record.Key, record.Environment, null, request.Author, request.Comment,
            false, 0);
        LogSchemaDeleted(Namespace, record.Key, record.Environment ?? "*", saved.Current.Version);

        return new SchemaResult(SchemaStatus.Deleted, saved.ToEntry(), null, null);
    }

    /// <summary>Checks the pattern, and that the namespace and the environment, when one is named, exist.</summary>
    private async Task<SchemaResult?> CheckTarget(string key, string? environment)
    {
        var keyProblem = SchemaPatterns.Validate(key)
            ?? (environment is null ? null : ConfigKeyRules.ValidateName(environment, "environment"));
        if (keyProblem is not null)
        {
            return SchemaResult.Failure(SchemaStatus.InvalidKey, keyProblem);
        }

        var info = await GrainFactory.GetGrain<ICatalogGrain>(0).GetNamespace(Namespace);
        if (info is null)
        {
            return SchemaResult.Failure(SchemaStatus.NamespaceNotFound,
                $"The namespace '{Namespace}' does not exist; create it with PUT /v1/namespaces/{Namespace}.");
        }

        return environment is null || info.Environments.Contains(environment)
            ? null
            : SchemaResult.Failure(SchemaStatus.EnvironmentNotFound,
                $"The environment '{environment}' does not exist in namespace '{Namespace}'; create it with "
                + $"PUT /v1/namespaces/{Namespace}/environments/{environment}, or leave 'environment' out to "
                + "attach the schema to every environment.");
    }

    private static SchemaResult? CheckVersion(SchemaRecord? record, int? expected)
    {
        var latest = record?.Current.Version ?? 0;

        return expected is int version && version != latest
            ? SchemaResult.Failure(SchemaStatus.PreconditionFailed,
                $"If-Match named version {version}, but the schema is at version {latest}; read it again and "
                + "retry with the current ETag.")
            : null;
    }

    /// <summary>
    /// Appends a version (a null schema records a deletion) and its audit record, writes the row, raises the
    /// revision and appends the audit record to the chain. Memory is restored when the write fails.
    /// </summary>
    private async Task<SchemaRecord> Save(SchemaRecord? record, string key, string? environment, string? schema,
        string author, string? comment, bool forced, int violations)
    {
        await FlushAudit();

        var isNew = record is null;
        record ??= new SchemaRecord { Key = key, Environment = environment };
        var version = new SchemaVersion(record.Versions.Count + 1, schema, time.GetUtcNow(), author, comment,
            forced, violations);
        var action = schema is null ? AuditActions.SchemaDelete
            : record.IsLive ? AuditActions.SchemaUpdate : AuditActions.SchemaCreate;
        var summary = AuditSummaries.Of(("comment", comment), ("forced", forced ? "true" : null),
            ("invalidValues", forced ? violations.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        var audit = AuditOutbox.Record(version.UpdatedAt, author, action, Namespace, environment, "schema",
            record.Key, summary) with
        {
            VersionBefore = version.Version > 1 ? version.Version - 1 : null,
            VersionAfter = version.Version,
        };

        if (isNew)
        {
            state.State.Schemas.Add(record);
        }

        record.Versions.Add(version);
        state.State.PendingAudit.Add(audit);
        state.State.Revision++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Revision--;
            state.State.PendingAudit.Remove(audit);
            record.Versions.RemoveAt(record.Versions.Count - 1);
            if (isNew)
            {
                state.State.Schemas.Remove(record);
            }

            throw;
        }

        await FlushAudit();

        return record;
    }
}
