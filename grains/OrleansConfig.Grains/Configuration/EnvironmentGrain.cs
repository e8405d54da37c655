using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansConfig.Configuration;

/// <summary>
/// The materialized snapshot of one environment. The revision is the sum of the latest version
/// numbers of all its keys, deleted ones included. Every change raises exactly one key's version by
/// one, so the revision rises by one per change and can be rebuilt from storage after any crash.
/// </summary>
public sealed partial class EnvironmentGrain(
    [PersistentState(StorageNames.EnvironmentState, StorageNames.Provider)] IPersistentState<EnvironmentState> state,
    IConfigSnapshotStore store,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<ConfigStoreOptions> options,
    ILogger<EnvironmentGrain> logger) : Grain, IEnvironmentGrain
{
    /// <summary>The overlap with which reconciliation re-reads rows, to catch commits seen late.</summary>
    private static readonly TimeSpan ReadOverlap = TimeSpan.FromSeconds(5);

    private readonly Snapshot _snapshot = new();
    private string _namespace = "";
    private string _environment = "";
    private DateTimeOffset? _lastReadAt;
    private IGrainTimer? _reconcileTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _environment) = GrainKeys.ParseEnvironment(this.GetPrimaryKeyString());
        if (state.State.Exists)
        {
            await Load(cancellationToken);
        }
    }

    public async Task<bool> Create(string author)
    {
        if (state.State.Exists)
        {
            return false;
        }

        var previous = state.State;
        state.State = new EnvironmentState { Exists = true, CreatedAt = time.GetUtcNow(), CreatedBy = author };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await Load(CancellationToken.None);
        LogCreated(_namespace, _environment);

        return true;
    }

    public async Task<EnvironmentInfo?> GetInfo()
    {
        if (!state.State.Exists && !await AdoptFromCatalog())
        {
            return null;
        }

        return new EnvironmentInfo(_namespace, _environment, state.State.CreatedAt, state.State.CreatedBy,
            _snapshot.Revision, _snapshot.Count);
    }

    public Task<long> Apply(ConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        _snapshot.Apply(change);

        return Task.FromResult(_snapshot.Revision);
    }

    public Task<EnvironmentSnapshot> GetSnapshot(string? prefix)
    {
        var result = state.State.Exists
            ? new EnvironmentSnapshot(_snapshot.Revision, _snapshot.Entries(prefix))
            : new EnvironmentSnapshot(-1, null);

        return Task.FromResult(result);
    }

    public Task<EnvironmentSnapshotJson> GetSnapshotJson(string? prefix, long knownRevision)
    {
        var result = !state.State.Exists
            ? new EnvironmentSnapshotJson(-1, null)
            : _snapshot.Revision == knownRevision
                ? new EnvironmentSnapshotJson(knownRevision, null)
                : new EnvironmentSnapshotJson(_snapshot.Revision, _snapshot.Json(prefix));

        return Task.FromResult(result);
    }

    public Task<long> GetRevision() => Task.FromResult(state.State.Exists ? _snapshot.Revision : -1);

    /// <summary>
    /// Creates the environment's state when the catalog lists it: the catalog records an environment
    /// before this grain does, so a crash between the two writes leaves only the catalog entry.
    /// </summary>
    private async Task<bool> AdoptFromCatalog()
    {
        var catalog = GrainFactory.GetGrain<ICatalogGrain>(0);
        if (!await catalog.HasEnvironment(_namespace, _environment))
        {
            return false;
        }

        await Create("catalog");

        return true;
    }

    private async Task Load(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(_namespace, _environment, null, cancellationToken);
        foreach (var change in stored.Keys)
        {
            _snapshot.Apply(change);
        }

        _lastReadAt = stored.ReadAt;
        LogLoaded(_namespace, _environment, stored.Keys.Count, _snapshot.Revision);

        if (!store.IsDurable)
        {
            // Nothing can rebuild the snapshot of the in-memory mode, so it stays active.
            DelayDeactivation(TimeSpan.FromDays(3650));
            return;
        }

        var interval = options.Value.ReconcileInterval;
        _reconcileTimer ??= this.RegisterGrainTimer(Reconcile, new GrainTimerCreationOptions(interval, interval));
    }

    /// <summary>Applies changes that reached storage without being reported, such as a key grain's last
    /// write before its silo died.</summary>
    private async Task Reconcile(CancellationToken cancellationToken)
    {
        try
        {
            var since = _lastReadAt - ReadOverlap;
            var stored = await store.ReadAsync(_namespace, _environment, since, cancellationToken);
            var before = _snapshot.Revision;
            foreach (var change in stored.Keys)
            {
                _snapshot.Apply(change);
            }

            _lastReadAt = stored.ReadAt;
            if (_snapshot.Revision != before)
            {
                LogReconciled(_namespace, _environment, before, _snapshot.Revision);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReconcileFailed(_namespace, _environment, exception);
        }
    }
}
