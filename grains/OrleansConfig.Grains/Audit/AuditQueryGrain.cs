namespace OrleansConfig.Audit;

/// <summary>Runs audit queries against the audit store of the silo it lands in.</summary>
[StatelessWorker]
public sealed class AuditQueryGrain(IAuditStore store) : Grain, IAuditQueryGrain
{
    public Task<AuditPage> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        return store.QueryAsync(query, CancellationToken.None);
    }

    public Task<long> GetBacklog() => store.ReadBacklogAsync(CancellationToken.None);
}
