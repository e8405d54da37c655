namespace OrleansConfig.Audit;

/// <summary>
/// Audit records that a grain stores in its own state, in the same write as the change they record,
/// and then appends to their chains. A record survives a crash between the two steps in the grain's
/// state, and appending it again stores it once, because chains skip ids they have.
/// </summary>
public static class AuditOutbox
{
    /// <summary>The chain of a record: its namespace's, or the global one.</summary>
    public static string ChainOf(AuditRecord record) => record.Namespace ?? AuditContext.GlobalChain;

    /// <summary>
    /// Appends the pending records and empties the list. Throws <see cref="AuditUnavailableException"/>
    /// when a chain cannot be written within <paramref name="timeout"/>; the records stay pending then.
    /// </summary>
    public static async Task FlushAsync(IGrainFactory grains, List<AuditRecord> pending, TimeSpan timeout)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var chain in pending.GroupBy(ChainOf))
            {
                await grains.GetGrain<IAuditChainGrain>(chain.Key).Append(chain.ToArray()).WaitAsync(timeout);
            }
        }
        catch (Exception exception) when (exception is not AuditUnavailableException)
        {
            // The audit chain logged the cause; database exceptions cannot cross grain calls, so it stays out.
            throw new AuditUnavailableException(
                $"The audit log cannot be written ({exception.GetType().Name}); retry the request later.");
        }

        pending.Clear();
    }

    /// <summary>A record of a change made in the current request, with a new id.</summary>
    public static AuditRecord Record(DateTimeOffset time, string actor, string action, string? ns, string? env,
        string kind, string resource, string? summary) => new(
        $"{kind}:{Guid.NewGuid():N}",
        time,
        actor,
        AuditContext.CredentialOf(actor),
        action,
        ns,
        env,
        kind,
        resource,
        null,
        null,
        summary,
        AuditContext.RequestId,
        AuditContext.ClientAddress,
        null);
}
