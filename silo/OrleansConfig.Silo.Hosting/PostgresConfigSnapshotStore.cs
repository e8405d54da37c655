using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Hosting;

/// <summary>
/// Reads item grains' current versions straight from the grain storage table. Item grain ids start
/// with "namespace/environment/", and the key column sorts bytewise, so one environment is a range scan.
/// </summary>
public sealed class PostgresConfigSnapshotStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
    : IConfigSnapshotStore
{
    private const string Query = """
        SELECT state_name, doc ->> 'key', doc -> 'versions' -> -1, now()
        FROM (
            SELECT state_name, convert_from(payload, 'UTF8')::jsonb AS doc
            FROM orleans_storage
            WHERE service_id = $1 AND state_name = ANY($2)
              AND grain_key >= $3 AND grain_key < $4
              AND ($5::timestamptz IS NULL OR modified_at > $5)
              AND payload IS NOT NULL
        ) AS rows
        """;

    private const string HistoryQuery = """
        SELECT payload FROM orleans_storage
        WHERE service_id = $1 AND state_name = $2 AND grain_key = $3
        LIMIT 1
        """;

    private static readonly string[] s_stateNames = StorageNames.ItemKinds.Select(StorageNames.ItemState).ToArray();

    public bool IsDurable => true;

    public async Task<StoredKeys> ReadAsync(
        string ns, string env, DateTimeOffset? changedAfter, CancellationToken cancellationToken)
    {
        var prefix = GrainKeys.Environment(ns, env) + "/";
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.AddWithValue(cluster.Value.ServiceId);
        command.Parameters.AddWithValue(s_stateNames);
        command.Parameters.AddWithValue(prefix);
        command.Parameters.AddWithValue(prefix[..^1] + (char)('/' + 1));
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
            Value = (object?)changedAfter ?? DBNull.Value,
        });

        var items = new List<StoredItem>();
        var readAt = DateTimeOffset.MinValue;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            readAt = reader.GetFieldValue<DateTimeOffset>(3);
            if (reader.IsDBNull(1) || reader.IsDBNull(2))
            {
                continue;
            }

            var kind = StorageNames.ItemKinds.First(k => StorageNames.ItemState(k) == reader.GetString(0));
            var version = JsonSerializer.Deserialize<ConfigVersion>(
                reader.GetString(2), JsonGrainStateSerializer.Options)!;
            items.Add(new StoredItem(kind, new ConfigChange(reader.GetString(1), version)));
        }

        if (readAt == DateTimeOffset.MinValue)
        {
            readAt = await ReadClockAsync(cancellationToken);
        }

        return new StoredKeys(items, readAt);
    }

    public async Task<ConfigChangeHistory?> ReadVersionsAsync(
        string ns, string env, ChangeKind kind, string key, int afterVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HistoryQuery);
        command.Parameters.AddWithValue(cluster.Value.ServiceId);
        command.Parameters.AddWithValue(StorageNames.ItemState(kind));
        command.Parameters.AddWithValue(GrainKeys.ConfigKey(ns, env, key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<Items.VersionedItemState>(reader.GetFieldValue<byte[]>(0),
            JsonGrainStateSerializer.Options)!;

        return new ConfigChangeHistory(state.Key ?? key, state.Versions.Where(v => v.Version > afterVersion).ToArray());
    }

    private async Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT now()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);

        return reader.GetFieldValue<DateTimeOffset>(0);
    }
}
