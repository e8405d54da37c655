using Microsoft.Extensions.DependencyInjection;
namespace OrleansConfig.Configuration;

/// <summary>The namespaces and their environments, in one row.</summary>
public sealed class CatalogGrain(
    [PersistentState(StorageNames.CatalogState, StorageNames.Provider)] IPersistentState<CatalogState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time) : Grain, ICatalogGrain
{
    public async Task<bool> CreateNamespace(string ns, string author)
    {
        if (state.State.Namespaces.ContainsKey(ns))
        {
            return false;
        }

        state.State.Namespaces[ns] = new NamespaceRecord { CreatedAt = time.GetUtcNow(), CreatedBy = author };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Namespaces.Remove(ns);
            throw;
        }

        return true;
    }

    public async Task<bool?> AddEnvironment(string ns, string env, string author)
    {
        if (!state.State.Namespaces.TryGetValue(ns, out var record))
        {
            return null;
        }

        if (!record.Environments.Add(env))
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            record.Environments.Remove(env);
            throw;
        }

        return true;
    }

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
