using System.Globalization;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

public sealed partial class HttpOperations
{
    /// <summary>
    /// Runs one of three filtered audit queries of the last 24 hours, a page of 100 records: by namespace and
    /// environment, by namespace and action, and across all namespaces.
    /// </summary>
    private async Task<OperationOutcome> AuditQueryAsync(CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O", CultureInfo.InvariantCulture));
        var query = Random.Shared.Next(3) switch
        {
            0 => $"namespace={env.Namespace}&environment={env.Environment}&from={from}",
            1 => $"namespace={env.Namespace}&action=config.update&from={from}",
            _ => $"from={from}",
        };
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Get, $"v1/audit?{query}&limit=100",
            client.AdminKey, null, cancellationToken);

        return OperationOutcome.FromStatus(status, OperationNames.AuditQuery);
    }

    /// <summary>
    /// Builds the JSON compliance report of one environment over the last 24 hours. One environment keeps the
    /// report under the api's limit of 10,000 changes per report after a full seeding.
    /// </summary>
    private async Task<OperationOutcome> ReportAsync(CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var now = DateTimeOffset.UtcNow;
        var from = Uri.EscapeDataString(now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(now.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Get,
            $"v1/audit/reports/{env.Namespace}?environment={env.Environment}&from={from}&to={to}&format=json",
            client.AdminKey, null, cancellationToken);

        return OperationOutcome.FromStatus(status, OperationNames.ComplianceReport);
    }
}
