using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using OrleansConfig.Audit;

namespace OrleansConfig.Hosting;

/// <summary>
/// <c>OrleansConfig.Silo verify-audit [namespace|*]</c>: verifies audit chains straight from PostgreSQL,
/// without a running cluster, and exits with 0 when every chain is intact, 1 when one is broken and 2
/// when it cannot check. It needs the same <c>ORLEANSCONFIG_AUDIT_KEY</c> the silos use.
/// </summary>
public static class AuditVerifyCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(string[] arguments, OrleansConfigSettings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);

        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AuditSigner.Variable)))
        {
            await output.WriteLineAsync($"{AuditSigner.Variable} is not set; set it to the key the silos use "
                + "(./run.sh keeps it in .run/audit-key).");

            return 2;
        }

        var signer = AuditSigner.FromEnvironment();
        await using var dataSource = NpgsqlDataSource.Create(settings.Postgres);
        var cluster = Options.Create(new ClusterOptions { ServiceId = settings.ServiceId });
        var store = new PostgresAuditStore(dataSource, cluster);
        var chains = arguments.Length > 0 ? [arguments[0]] : await ReadChainsAsync(dataSource, settings.ServiceId);
        if (chains.Count == 0)
        {
            await output.WriteLineAsync($"No audit records for service '{settings.ServiceId}'.");

            return 0;
        }

        var intact = true;
        foreach (var chain in chains)
        {
            var result = await AuditVerifier.VerifyAsync(chain, store, signer, CancellationToken.None);
            intact &= result.Intact;
            var checkpoint = result.CheckpointSequence is long seq
                ? $"; latest checkpoint at record {seq}, signed {result.CheckpointTime:u}"
                : "; no checkpoint yet";
            await output.WriteLineAsync(result.Intact
                ? $"chain {chain}: intact up to record {result.Records}{checkpoint}"
                : $"chain {chain}: BROKEN at record {result.BrokenAt}: {result.Problem} "
                    + $"(intact up to record {result.Records}){checkpoint}");
        }

        return intact ? 0 : 1;
    }

    private static async Task<List<string>> ReadChainsAsync(NpgsqlDataSource dataSource, string serviceId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT chain FROM orleansconfig_audit WHERE service_id = $1 ORDER BY chain");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        var chains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            chains.Add(reader.GetString(0));
        }

        return chains;
    }
}
