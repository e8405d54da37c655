using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;

namespace OrleansConfig.Configuration;

/// <summary>
/// The namespaces and their environments, in one row. Each change is audited: its record is written
/// with the row and then appended to its chain before the change is acknowledged.
/// </summary>
public sealed class CatalogGrain(
    [PersistentState(StorageNames.CatalogState, StorageNames.Provider)] IPersistentState<CatalogState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<AuditOptions> auditOptions) : Grain, ICatalogGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAudit();
        }
        catch (AuditUnavailableException)
        {
            // Left pending: the next change tries again and fails while the audit log is unavailable.
        }
    }

    public async Task<bool> CreateNamespace(string ns, string author)
    {
        if (state.State.Namespaces.ContainsKey(ns))
        {
            return false;
        }

        await FlushAudit();
        var now = time.GetUtcNow();
        state.State.Namespaces[ns] = new NamespaceRecord { CreatedAt = now, CreatedBy = author };
        var record = AuditOutbox.Record(now, author, AuditActions.NamespaceCreate, ns, null, "namespace", ns, null);
        state.State.PendingAudit.Add(record);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Namespaces.Remove(ns);
            state.State.PendingAudit.Remove(record);
            throw;
        }

        await FlushAudit();

        return true;
    }

    public async Task<bool?> AddEnvironment(string ns, string env, string author)
    {
        if (!state.State.Namespaces.TryGetValue(ns, out var record))
        {
            return null;
        }

        if (record.Environments.Contains(env))
        {
            return false;
        }

        await FlushAudit();
        record.Environments.Add(env);
        var audit = AuditOutbox.Record(time.GetUtcNow(), author, AuditActions.EnvironmentCreate, ns, env,
            "environment", env, null);
        state.State.PendingAudit.Add(audit);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            record.Environments.Remove(env);
            state.State.PendingAudit.Remove(audit);
            throw;
        }

        await FlushAudit();

        return true;
    }

    private Task FlushAudit() =>
        AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);

    public Task<IReadOnlyList<NamespaceInfo>> ListNamespaces()
    {
        IReadOnlyList<NamespaceInfo> list = state.State.Namespaces
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => ToInfo(pair.Key, pair.Value))
            .ToArray();

        return Task.FromResult(list);
    }

    public Task<NamespaceInfo?> GetNamespace(string ns) => Task.FromResult(
        state.State.Namespaces.TryGetValue(ns, out var record) ? ToInfo(ns, record) : null);

    public Task<bool> HasEnvironment(string ns, string env) => Task.FromResult(
        state.State.Namespaces.TryGetValue(ns, out var record) && record.Environments.Contains(env));

    private static NamespaceInfo ToInfo(string name, NamespaceRecord record) =>
        new(name, record.CreatedAt, record.CreatedBy, record.Environments.ToArray());
}
