using Npgsql;
using OrleansConfig.Hosting;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis the tests use, from <c>ORLEANSCONFIG_POSTGRES</c> and <c>ORLEANSCONFIG_REDIS</c>
/// (./test.sh sets both). Every cluster a test starts gets its own service id, so tests share the
/// database without seeing each other's rows.
/// </summary>
public static class TestServices
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("ORLEANSCONFIG_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Database=orleansconfig_test;Username=orleansconfig;Password=orleansconfig";

    public static string Redis => Environment.GetEnvironmentVariable("ORLEANSCONFIG_REDIS") is { Length: > 0 } value
        ? value
        : "127.0.0.1:6379";

    public static string NewServiceId() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Returns a fresh namespace name, so tests in one cluster never share keys.</summary>
    public static string NewNamespace() => "ns-" + Guid.NewGuid().ToString("N")[..10];

    public static OrleansConfigSettings Settings(string serviceId) => new()
    {
        Postgres = Postgres,
        Redis = Redis,
        ServiceId = serviceId,
        ClusterId = serviceId,
    };

    /// <summary>Fails with a message saying how to start the services when PostgreSQL is unreachable.</summary>
    public static async Task RequirePostgresAsync()
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(Postgres);
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                "PostgreSQL is not reachable with ORLEANSCONFIG_POSTGRES; run the tests through ./test.sh, "
                + $"which starts it. {exception.Message}",
                exception);
        }
    }
}
