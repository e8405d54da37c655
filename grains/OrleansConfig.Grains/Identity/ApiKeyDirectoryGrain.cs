using Microsoft.Extensions.Logging;

namespace OrleansConfig.Identity;

/// <summary>
/// The ids of all key grains (a single grain, key 0) and the one-time bootstrap of the first admin
/// key. Keys are revoked but never deleted, so the list only grows. Calls run one at a time, so two
/// concurrent bootstraps cannot both see an empty list.
/// </summary>
public sealed partial class ApiKeyDirectoryGrain(
    [PersistentState(StorageNames.ApiKeyDirectoryState, StorageNames.Provider)]
    IPersistentState<ApiKeyDirectoryState> state,
    TimeProvider time,
    ILogger<ApiKeyDirectoryGrain> logger) : Grain, IApiKeyDirectoryGrain
{
    public async Task<ApiKeyInfo?> CreateKey(string id, ApiKeyCreate request)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(request);

        var created = await GrainFactory.GetGrain<IApiKeyGrain>(id).Create(request);
        await RecordAsync(id, adopted: created is null);

        return created;
    }

    public async Task<bool> Bootstrap(string id, ApiKeyCreate request)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Grants is not [{ Role: Role.Admin, Namespace: null, Environment: null }])
        {
            throw new ArgumentException("The bootstrap request is invalid: the bootstrap key must have "
                + "exactly one grant, admin of all namespaces.", nameof(request));
        }

        if (state.State.BootstrappedAt is not null || state.State.KeyIds.Count > 0)
        {
            LogBootstrapSkipped(id, state.State.KeyIds.Count);

            return false;
        }

        var created = await GrainFactory.GetGrain<IApiKeyGrain>(id).Create(request);
        if (created is null)
        {
            await RecordAsync(id, adopted: true);
            LogBootstrapSkipped(id, state.State.KeyIds.Count);

            return false;
        }

        state.State.KeyIds.Add(id);
        state.State.BootstrappedAt = time.GetUtcNow();
        state.State.BootstrapKeyId = id;
        await WriteOrUndo(() =>
        {
            state.State.KeyIds.Remove(id);
            state.State.BootstrappedAt = null;
            state.State.BootstrapKeyId = null;
        });
        LogBootstrapped(id);

        return true;
    }

    public Task<IReadOnlyList<string>> ListKeyIds() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.KeyIds.ToArray());

    /// <summary>
    /// Adds <paramref name="id"/> to the list unless it is there. An id is adopted when its key
    /// grain already existed: a failed directory write after the key's own write leaves such a key,
    /// and listing it restores the rule that every key is listed.
    /// </summary>
    private async Task RecordAsync(string id, bool adopted)
    {
        if (state.State.KeyIds.Contains(id))
        {
            return;
        }

        state.State.KeyIds.Add(id);
        await WriteOrUndo(() => state.State.KeyIds.Remove(id));
        if (adopted)
        {
            LogAdopted(id);
        }
    }

    /// <summary>Writes the state; if the write fails, undoes the change in memory as the key grain does.</summary>
    private async Task WriteOrUndo(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
