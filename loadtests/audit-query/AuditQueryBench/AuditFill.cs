using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using OrleansConfig.Audit;

namespace OrleansConfig.LoadTests.AuditQuery;

/// <summary>
/// Writes generated records into <c>orleansconfig_audit</c> with binary COPY, each linked into its chain
/// with <see cref="AuditSigner.Link"/> as the chain grain links it, then signs a checkpoint at the head of
/// every chain. The table must exist (a silo creates it at start) and hold no records for the service id.
/// </summary>
public sealed class AuditFill(NpgsqlDataSource dataSource, string serviceId, AuditSigner signer)
{
    private const string CopyColumns = "service_id, chain, seq, record_id, time, actor, credential, action, "
        + "namespace, environment, kind, resource, version_before, version_after, summary, request_id, "
        + "client_address, revision, prev_hash, hash";

    public async Task RunAsync(IEnumerable<AuditRecord> records, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);

        await RequireEmptyAsync();
        var clock = Stopwatch.StartNew();
        var heads = new Dictionary<string, (long Seq, byte[] Hash)>(StringComparer.Ordinal);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                $"COPY orleansconfig_audit ({CopyColumns}) FROM STDIN (FORMAT BINARY)");
            long count = 0;
            foreach (var record in records)
            {
                var chain = record.Namespace ?? AuditContext.GlobalChain;
                var (seq, previous) = heads.GetValueOrDefault(chain, (0, AuditHashing.Genesis));
                seq++;
                var hash = signer.Link(chain, seq, record, previous);
                heads[chain] = (seq, hash);
                await WriteRowAsync(copy, chain, seq, record, previous, hash);
                if (++count % 100_000 == 0)
                {
                    await output.WriteLineAsync($"  {count:N0} records written in {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            await copy.CompleteAsync();
        }

        await WriteCheckpointsAsync(heads);
        await output.WriteLineAsync($"Copied {heads.Values.Sum(h => h.Seq):N0} records into {heads.Count} chains "
            + $"in {clock.Elapsed.TotalSeconds:F1} s; analyzing the table");
        await using var analyze = dataSource.CreateCommand("ANALYZE orleansconfig_audit");
        await analyze.ExecuteNonQueryAsync();
    }

    private async Task RequireEmptyAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleansconfig_audit WHERE service_id = $1 AND chain <> '*'");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        var existing = (long)(await command.ExecuteScalarAsync())!;
        if (existing > 0)
        {
            throw new InvalidOperationException($"The audit table already contains {existing:N0} namespace records for "
                + $"service id '{serviceId}', and audit records cannot be deleted; fill under a new service id "
                + "(ORLEANSCONFIG_SERVICE_ID) or a new database.");
        }
    }

    private async Task WriteRowAsync(NpgsqlBinaryImporter copy, string chain, long seq, AuditRecord record,
        byte[] previous, byte[] hash)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(serviceId, NpgsqlDbType.Varchar);
        await copy.WriteAsync(chain, NpgsqlDbType.Varchar);
        await copy.WriteAsync(seq, NpgsqlDbType.Bigint);
        await copy.WriteAsync(record.Id, NpgsqlDbType.Varchar);
        await copy.WriteAsync(record.Time.UtcDateTime, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(record.Actor, NpgsqlDbType.Text);
        await WriteAsync(copy, record.Credential, NpgsqlDbType.Text);
        await copy.WriteAsync(record.Action, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.Namespace, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.Environment, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.Kind, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.Resource, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.VersionBefore, NpgsqlDbType.Integer);
        await WriteAsync(copy, record.VersionAfter, NpgsqlDbType.Integer);
        await WriteAsync(copy, record.Summary, NpgsqlDbType.Text);
        await WriteAsync(copy, record.RequestId, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.ClientAddress, NpgsqlDbType.Varchar);
        await WriteAsync(copy, record.Revision, NpgsqlDbType.Bigint);
        await copy.WriteAsync(previous, NpgsqlDbType.Bytea);
        await copy.WriteAsync(hash, NpgsqlDbType.Bytea);
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    /// <summary>Signs each chain's head as a chain grain does, so that verification checks a checkpoint too.</summary>
    private async Task WriteCheckpointsAsync(Dictionary<string, (long Seq, byte[] Hash)> heads)
    {
        var signedAt = AuditHashing.ToStoredPrecision(DateTimeOffset.UtcNow);
        foreach (var (chain, (seq, hash)) in heads)
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO orleansconfig_audit_checkpoints (service_id, chain, seq, hash, signed_at, key_id, signature)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            command.Parameters.Add(new NpgsqlParameter { Value = chain });
            command.Parameters.Add(new NpgsqlParameter { Value = seq });
            command.Parameters.Add(new NpgsqlParameter { Value = hash });
            command.Parameters.Add(new NpgsqlParameter { Value = signedAt.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = signer.KeyId });
            command.Parameters.Add(new NpgsqlParameter { Value = signer.Sign(chain, seq, hash, signedAt) });
            await command.ExecuteNonQueryAsync();
        }
    }
}
