using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansConfig.Hosting;

/// <summary>
/// Applies the SQL scripts embedded under Schema/ in file-name order, each once, recording them in
/// <c>orleansconfig_schema</c>. A transaction-scoped advisory lock serializes silos that start together,
/// so the second one finds the scripts applied and does nothing.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>An arbitrary constant naming the advisory lock; any other user of the database must avoid it.</summary>
    private const long LockId = 0x4F43_5343_4845_4D41;

    private const string ResourcePrefix = "OrleansConfig.Schema.";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = LoadScripts();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS orleansconfig_schema
            (
                script     text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        foreach (var (name, sql) in scripts.Where(script => !applied.Contains(script.Name)))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO orleansconfig_schema (script) VALUES ($1)", connection);
            record.Parameters.AddWithValue(name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogScriptApplied(name);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static List<(string Name, string Sql)> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;

        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[ResourcePrefix.Length..], Read(assembly, name)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);

        return reader.ReadToEnd();
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT script FROM orleansconfig_schema", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Applied database schema script {Script}")]
    private partial void LogScriptApplied(string script);
}
