using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Hosting;

/// <summary>The change log in PostgreSQL (schema <c>002_change_log.sql</c>).</summary>
public sealed class PostgresChangeLogStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
    : IChangeLogStore
{
    private const string Scope = "service_id = $1 AND namespace = $2 AND environment = $3";

    // One statement, so the head, the events and the versions change together or not at all. The
    // head moves only from the expected revision; the other inserts run only when it moved.
    private const string AppendSql = """
        WITH head AS (
            INSERT INTO orleansconfig_change_heads AS h (service_id, namespace, environment, head, first_retained)
            VALUES ($1, $2, $3, $5, 1)
            ON CONFLICT (service_id, namespace, environment) DO UPDATE SET head = EXCLUDED.head
            WHERE h.head = $4
            RETURNING 1
        ), logged AS (
            INSERT INTO orleansconfig_change_log
                (service_id, namespace, environment, revision, kind, item_key, version, event)
            SELECT $1, $2, $3, e.revision, e.kind, e.item_key, e.version, e.event
            FROM unnest($6::bigint[], $7::smallint[], $8::text[], $9::integer[], $10::text[])
                AS e(revision, kind, item_key, version, event)
            WHERE EXISTS (SELECT 1 FROM head)
        ), versions AS (
            INSERT INTO orleansconfig_change_versions AS v (service_id, namespace, environment, kind, item_key, version)
            SELECT $1, $2, $3, e.kind, e.item_key, max(e.version)
            FROM unnest($7::smallint[], $11::text[], $9::integer[]) AS e(kind, item_key, version)
            WHERE EXISTS (SELECT 1 FROM head)
            GROUP BY e.kind, e.item_key
            ON CONFLICT (service_id, namespace, environment, kind, item_key)
            DO UPDATE SET version = greatest(v.version, EXCLUDED.version)
        )
        SELECT count(*) FROM head
        """;

    public bool IsDurable => true;

    public async Task<ChangeLogHead?> LoadAsync(string ns, string env, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            $"SELECT head, first_retained, audited FROM orleansconfig_change_heads WHERE {Scope}", ns, env));
        batch.BatchCommands.Add(Command(
            $"SELECT kind, item_key, version FROM orleansconfig_change_versions WHERE {Scope}", ns, env));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var head = reader.GetInt64(0);
        var firstRetained = reader.GetInt64(1);
        var audited = reader.GetInt64(2);
        await reader.NextResultAsync(cancellationToken);

        var versions = new Dictionary<ChangeItem, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[new ChangeItem((ChangeKind)reader.GetInt16(0), reader.GetString(1))] = reader.GetInt32(2);
        }

        return new ChangeLogHead(head, firstRetained, audited, versions);
    }

    public async Task StartAsync(string ns, string env, long revision, IReadOnlyDictionary<ChangeItem, int> versions,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var start = Command("""
            INSERT INTO orleansconfig_change_heads (service_id, namespace, environment, head, first_retained, audited)
            VALUES ($1, $2, $3, $4, $4 + 1, $4)
            """, ns, env);
        start.Parameters.Add(new NpgsqlParameter { Value = revision });
        batch.BatchCommands.Add(start);

        var items = Command("""
            INSERT INTO orleansconfig_change_versions (service_id, namespace, environment, kind, item_key, version)
            SELECT $1, $2, $3, e.kind, e.item_key, e.version
            FROM unnest($4::smallint[], $5::text[], $6::integer[]) AS e(kind, item_key, version)
            """, ns, env);
        items.Parameters.Add(new NpgsqlParameter { Value = versions.Keys.Select(k => (short)k.Kind).ToArray() });
        items.Parameters.Add(new NpgsqlParameter { Value = versions.Keys.Select(k => k.NormalizedKey).ToArray() });
        items.Parameters.Add(new NpgsqlParameter { Value = versions.Values.ToArray() });
        batch.BatchCommands.Add(items);

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ChangeLogConflictException($"The change log of {ns}/{env} was started by another activation.");
        }
    }

    public async Task AppendAsync(string ns, string env, long expectedHead, IReadOnlyList<ChangeEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(AppendSql);
        AddScope(command.Parameters, ns, env);
        command.Parameters.Add(new NpgsqlParameter { Value = expectedHead });
        command.Parameters.Add(new NpgsqlParameter { Value = events[^1].Revision });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Revision).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => JsonSerializer.Serialize(e, JsonGrainStateSerializer.Options)).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => ConfigKeyRules.Normalize(e.Key)).ToArray(),
        });

        long moved;
        try
        {
            moved = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            moved = 0;
        }

        if (moved == 0)
        {
            throw new ChangeLogConflictException(
                $"The change log of {ns}/{env} is no longer at revision {expectedHead}.");
        }
    }

    public async Task<IReadOnlyList<ChangeEvent>> ReadAsync(string ns, string env, long afterRevision, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT event FROM orleansconfig_change_log WHERE {Scope} AND revision > $4 ORDER BY revision LIMIT $5");
        AddScope(command.Parameters, ns, env);
        command.Parameters.Add(new NpgsqlParameter { Value = afterRevision });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });

        var events = new List<ChangeEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JsonSerializer.Deserialize<ChangeEvent>(reader.GetString(0), JsonGrainStateSerializer.Options)!);
        }

        return events;
    }

    public async Task TrimAsync(string ns, string env, long firstKept, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var delete = Command($"DELETE FROM orleansconfig_change_log WHERE {Scope} AND revision < $4", ns, env);
        delete.Parameters.Add(new NpgsqlParameter { Value = firstKept });
        batch.BatchCommands.Add(delete);
        var mark = Command(
            $"UPDATE orleansconfig_change_heads SET first_retained = greatest(first_retained, $4) WHERE {Scope}",
            ns, env);
        mark.Parameters.Add(new NpgsqlParameter { Value = firstKept });
        batch.BatchCommands.Add(mark);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlBatchCommand Command(string sql, string ns, string env)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddScope(command.Parameters, ns, env);

        return command;
    }

    private void AddScope(NpgsqlParameterCollection parameters, string ns, string env)
    {
        parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        parameters.Add(new NpgsqlParameter { Value = ns });
        parameters.Add(new NpgsqlParameter { Value = env });
    }
}
