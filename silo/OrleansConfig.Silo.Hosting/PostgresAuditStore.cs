using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using OrleansConfig.Audit;

namespace OrleansConfig.Hosting;

/// <summary>The audit log in PostgreSQL (schema <c>003_audit.sql</c>).</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IAuditStore
{
    private const string Columns = """
        seq, record_id, time, actor, credential, action, namespace, environment, kind, resource,
        version_before, version_after, summary, request_id, client_address, revision, prev_hash, hash
        """;

    // One statement: the records, then the audited revision of every environment whose changes they record.
    private const string AppendSql = $"""
        WITH inserted AS (
            INSERT INTO orleansconfig_audit (service_id, chain, {Columns})
            SELECT $1, $2, r.* FROM unnest($3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::integer[], $14::integer[],
                $15::text[], $16::text[], $17::text[], $18::bigint[], $19::bytea[], $20::bytea[]) AS r
            RETURNING namespace, environment, revision
        )
        UPDATE orleansconfig_change_heads h SET audited = greatest(h.audited, a.revision)
        FROM (
            SELECT namespace, environment, max(revision) AS revision FROM inserted
            WHERE revision IS NOT NULL GROUP BY namespace, environment
        ) AS a
        WHERE h.service_id = $1 AND h.namespace = a.namespace AND h.environment = a.environment
        """;

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<(long Seq, byte[] Hash)> ReadHeadAsync(string chain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, hash FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 ORDER BY seq DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = chain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : (0, AuditHashing.Genesis);
    }

    public async Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT record_id FROM orleansconfig_audit WHERE service_id = $1 AND record_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public async Task AppendAsync(
        string chain, IReadOnlyList<ChainedRecord> records, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AppendSql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter { Value = ServiceId });
        parameters.Add(new NpgsqlParameter { Value = chain });
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Seq).ToArray() });
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Record.Id).ToArray() });
        parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = records.Select(r => r.Record.Time.UtcDateTime).ToArray(),
        });
        parameters.Add(Texts(records.Select(r => r.Record.Actor)));
        parameters.Add(Texts(records.Select(r => r.Record.Credential)));
        parameters.Add(Texts(records.Select(r => r.Record.Action)));
        parameters.Add(Texts(records.Select(r => r.Record.Namespace)));
        parameters.Add(Texts(records.Select(r => r.Record.Environment)));
        parameters.Add(Texts(records.Select(r => r.Record.Kind)));
        parameters.Add(Texts(records.Select(r => r.Record.Resource)));
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Record.VersionBefore).ToArray() });
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Record.VersionAfter).ToArray() });
        parameters.Add(Texts(records.Select(r => r.Record.Summary)));
        parameters.Add(Texts(records.Select(r => r.Record.RequestId)));
        parameters.Add(Texts(records.Select(r => r.Record.ClientAddress)));
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Record.Revision).ToArray() });
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.PreviousHash).ToArray() });
        parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Hash).ToArray() });

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendCheckpointAsync(
        string chain, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO orleansconfig_audit_checkpoints (service_id, chain, seq, hash, signed_at, key_id, signature)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = chain });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Hash });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.SignedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.KeyId });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Signature });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ChainedRecord>> ReadChainAsync(string chain, long afterSeq, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM orleansconfig_audit
            WHERE service_id = $1 AND chain = $2 AND seq > $3 ORDER BY seq LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = chain });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });

        var records = new List<ChainedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    public async Task<AuditCheckpoint?> ReadLatestCheckpointAsync(string chain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, hash, signed_at, key_id, signature FROM orleansconfig_audit_checkpoints
            WHERE service_id = $1 AND chain = $2 ORDER BY seq DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = chain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AuditCheckpoint(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero), reader.GetString(3),
            reader.GetFieldValue<byte[]>(4));
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var sql = new System.Text.StringBuilder(
            $"SELECT {Columns}, position, chain FROM orleansconfig_audit WHERE service_id = $1");
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });

        void Filter(string condition, object? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                return;
            }

            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            var numbered = condition.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal);
            sql.Append(" AND ").Append(numbered);
        }

        Filter("time >= @", query.From?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Filter("time < @", query.To?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Filter("(actor = @ OR credential = @ OR credential = 'key ' || @)", query.Actor, NpgsqlDbType.Text);
        Filter("namespace = @", query.Namespace, NpgsqlDbType.Text);
        Filter("environment = @", query.Environment, NpgsqlDbType.Text);
        Filter("resource = @", query.Resource, NpgsqlDbType.Text);
        Filter("action = @", query.Action, NpgsqlDbType.Text);
        var direction = query.Ascending ? ">" : "<";
        if (query.After is { } after)
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = after.Time.UtcDateTime,
                NpgsqlDbType = NpgsqlDbType.TimestampTz,
            });
            command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
            var count = command.Parameters.Count;
            sql.Append($" AND (time, position) {direction} (${count - 1}, ${count})");
        }

        var order = query.Ascending ? "ASC" : "DESC";
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1 });
        sql.Append($" ORDER BY time {order}, position {order} LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        var entries = new List<AuditEntry>(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var more = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (entries.Count == query.Limit)
            {
                more = true;
                break;
            }

            var row = ReadRecord(reader);
            entries.Add(new AuditEntry(reader.GetInt64(18), reader.GetString(19), row.Seq, row.Record, row.Hash));
        }

        var next = more ? new AuditCursor(entries[^1].Record.Time, entries[^1].Position) : null;

        return new AuditPage(entries, next);
    }

    public async Task<long> ReadBacklogAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(head - audited), 0)::bigint FROM orleansconfig_change_heads WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });

        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Reads one row in the column order of <see cref="Columns"/>.</summary>
    public static ChainedRecord ReadRecord(NpgsqlDataReader reader)
    {
        var record = new AuditRecord(
            reader.GetString(1),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero),
            reader.GetString(3),
            Text(reader, 4),
            reader.GetString(5),
            Text(reader, 6),
            Text(reader, 7),
            Text(reader, 8),
            Text(reader, 9),
            reader.IsDBNull(10) ? null : reader.GetInt32(10),
            reader.IsDBNull(11) ? null : reader.GetInt32(11),
            Text(reader, 12),
            Text(reader, 13),
            Text(reader, 14),
            reader.IsDBNull(15) ? null : reader.GetInt64(15));

        return new ChainedRecord(reader.GetInt64(0), record, reader.GetFieldValue<byte[]>(16),
            reader.GetFieldValue<byte[]>(17));
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };
}
