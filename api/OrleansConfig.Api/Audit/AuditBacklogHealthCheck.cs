using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansConfig.Audit;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// Reports how many configuration changes still lack their audit record. A backlog means that the
/// audit log could not be written for some scope, whose changes are refused until it catches up; the
/// api itself stays ready, because other scopes and all reads still work.
/// </summary>
public sealed class AuditBacklogHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var backlog = await grains.GetGrain<IAuditQueryGrain>(0).GetBacklog()
                .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);

            return backlog == 0
                ? HealthCheckResult.Healthy("audit backlog: 0 changes")
                : HealthCheckResult.Degraded($"audit backlog: {backlog} changes wait for their audit record");
        }
        catch (Exception exception)
            when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"audit backlog unknown: {exception.Message}");
        }
    }
}
