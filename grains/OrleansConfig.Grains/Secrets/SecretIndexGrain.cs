namespace OrleansConfig.Secrets;

/// <summary>Persisted state of a secret index: the secrets of one environment by normalized name.</summary>
public sealed class SecretIndexState
{
    public Dictionary<string, SecretIndexEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The names of the secrets of one environment, for the key-encryption key rotation and the rotation
/// reports, which must reach secrets whose grains are not active. It changes only when a secret is first
/// written or its policy is set or removed, so it is written rarely.
/// </summary>
public sealed class SecretIndexGrain(
    [PersistentState(StorageNames.SecretIndexState, StorageNames.Provider)] IPersistentState<SecretIndexState> state)
    : Grain, ISecretIndexGrain
{
    public async Task Register(string name, bool? hasPolicy)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        var key = SecretNameRules.Normalize(name);
        var existing = state.State.Entries.GetValueOrDefault(key);
        var entry = new SecretIndexEntry(name, hasPolicy ?? existing?.HasPolicy ?? false);
        if (existing == entry)
        {
            return;
        }

        state.State.Entries[key] = entry;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            RestoreEntry(key, existing);
            throw;
        }
    }

    public Task<IReadOnlyList<SecretIndexEntry>> List()
    {
        IReadOnlyList<SecretIndexEntry> entries = state.State.Entries
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Value)
            .ToArray();

        return Task.FromResult(entries);
    }

    private void RestoreEntry(string key, SecretIndexEntry? previous)
    {
        if (previous is null)
        {
            state.State.Entries.Remove(key);
        }
        else
        {
            state.State.Entries[key] = previous;
        }
    }
}
