using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>Reads and rewrites secret rows in the grain storage table, as someone with database access could.</summary>
internal static class SecretRows
{
    private const string Select = """
        SELECT payload FROM orleans_storage
        WHERE service_id = $1 AND state_name = 'secret' AND grain_key = $2
        """;

    private const string Update = """
        UPDATE orleans_storage SET payload = $3
        WHERE service_id = $1 AND state_name = 'secret' AND grain_key = $2
        """;

    public static async Task<JsonDocument> ReadAsync(string serviceId, string grainKey) =>
        JsonDocument.Parse(await ReadPayloadAsync(serviceId, grainKey));

    /// <summary>Changes the stored state of a secret with <paramref name="edit"/>.</summary>
    public static async Task EditAsync(string serviceId, string grainKey, Action<JsonObject> edit)
    {
        var state = JsonNode.Parse(await ReadPayloadAsync(serviceId, grainKey))!.AsObject();
        edit(state);
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = dataSource.CreateCommand(Update);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(grainKey);
        command.Parameters.AddWithValue(JsonSerializer.SerializeToUtf8Bytes(state));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<byte[]> ReadPayloadAsync(string serviceId, string grainKey)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = dataSource.CreateCommand(Select);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(grainKey);

        return (byte[]?)await command.ExecuteScalarAsync()
            ?? throw new InvalidOperationException($"No secret row {grainKey} under service {serviceId}.");
    }
}
