using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansConfig.Hosting;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Silo;

/// <summary>Schema migration on an empty PostgreSQL schema of its own, as a first start would see.</summary>
public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private readonly string _schema = "migration_" + Guid.NewGuid().ToString("N")[..10];
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        await using (var admin = NpgsqlDataSource.Create(TestServices.Postgres))
        {
            await using var create = admin.CreateCommand($"CREATE SCHEMA {_schema}");
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { SearchPath = _schema };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA {_schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentStarts_ApplyEachScriptOnce()
    {
        var migrators = Enumerable.Range(0, 4)
            .Select(_ => new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance))
            .Select(migrator => migrator.MigrateAsync(CancellationToken.None));

        await Task.WhenAll(migrators);

        var applied = await CountAsync(
            "SELECT count(*) FROM orleansconfig_schema WHERE script = '001_grain_storage.sql'");

        Assert.Equal(1L, applied);
    }

    [Fact]
    public async Task Migration_RegistersProviderQueries()
    {
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var count = await CountAsync("""
            SELECT count(*) FROM OrleansQuery
            WHERE QueryKey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey', 'DeleteStorageKey')
            """);

        Assert.Equal(4L, count);
    }

    [Fact]
    public async Task SecondMigration_ChangesNothing()
    {
        var migrator = new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        var appliedAt = await ScalarAsync<DateTime>("SELECT max(applied_at) FROM orleansconfig_schema");

        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(appliedAt, await ScalarAsync<DateTime>("SELECT max(applied_at) FROM orleansconfig_schema"));
    }

    private Task<long> CountAsync(string sql) => ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
