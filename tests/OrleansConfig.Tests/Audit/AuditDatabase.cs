using Npgsql;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Audit;

/// <summary>Direct access to the audit table, as someone with database rights and no product key would have.</summary>
internal static class AuditDatabase
{
    /// <summary>Runs one or more statements, separated by semicolons, each with the same parameters.</summary>
    public static async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var batch = dataSource.CreateBatch();
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a script without parameters as one command, so it may contain function bodies.</summary>
    public static async Task ExecuteScriptAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> with the append-only trigger disabled, as a tamperer would.</summary>
    public static async Task TamperAsync(string sql, params object[] parameters)
    {
        await ExecuteAsync("ALTER TABLE orleansconfig_audit DISABLE TRIGGER orleansconfig_audit_append_only");
        try
        {
            await ExecuteAsync(sql, parameters);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE orleansconfig_audit ENABLE TRIGGER orleansconfig_audit_append_only");
        }
    }

    public static async Task<List<T>> QueryAsync<T>(
        string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every text column of the service's audit rows, for scanning.</summary>
    public static Task<List<string>> AllTextAsync(string serviceId) => QueryAsync(
        "SELECT concat_ws('|', record_id, actor, credential, action, namespace, environment, kind, resource, summary, "
        + "request_id, client_address) FROM orleansconfig_audit WHERE service_id = $1",
        reader => reader.GetString(0), serviceId);
}
