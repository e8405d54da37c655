using System.Diagnostics;
using Npgsql;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Secrets.Http;

/// <summary>Runs <c>pg_dump</c> on the test database: the newest in /usr/lib/postgresql, or the one on PATH.</summary>
internal static class PgDump
{
    public static string? Executable { get; } = Find();

    public static string SkipMessage =>
        "pg_dump was not found under /usr/lib/postgresql/*/bin or on PATH; install the PostgreSQL client "
        + "(apt-get install postgresql-client) to run this test.";

    /// <summary>Dumps schema and data of the database in ORLEANSCONFIG_POSTGRES as plain SQL text.</summary>
    public static async Task<string> DumpAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestServices.Postgres);
        var info = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(SkipMessage))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var port = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "--host", connection.Host!, "--port", port, "--username", connection.Username!,
            "--dbname", connection.Database!, "--no-owner", "--format", "plain",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PGPASSWORD"] = connection.Password ?? "";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump exited with {process.ExitCode}: {await errors}");

        return await output;
    }

    private static string? Find()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : 0))
                .OrderByDescending(entry => entry.Major)
                .Select(entry => Path.Combine(entry.Dir, "bin", "pg_dump"))
                .FirstOrDefault(File.Exists)
            : null;

        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "pg_dump"))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that is skipped, with the reason shown, when pg_dump is not installed.</summary>
public sealed class PgDumpFactAttribute : FactAttribute
{
    public PgDumpFactAttribute()
    {
        if (PgDump.Executable is null)
        {
            Skip = PgDump.SkipMessage;
        }
    }
}
