using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansConfig.Audit;
using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

/// <summary>
/// One environment: the materialized snapshot of its keys and the sequencer of its changes. Key grains
/// report versions after they are durable; this grain gives each the next revision, appends it to the
/// change log in PostgreSQL, applies it to the snapshot, and publishes it on the environment's change
/// stream. Each change raises exactly one item's version by one, so the revision equals the sum of the
/// latest versions of all items, and a version a key made durable but nobody sequenced (its silo died
/// first) is found by comparing the key rows with the versions the log recorded.
/// </summary>
public sealed partial class EnvironmentGrain(
    [PersistentState(StorageNames.EnvironmentState, StorageNames.Provider)] IPersistentState<EnvironmentState> state,
    IConfigSnapshotStore store,
    IChangeLogStore log,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<ConfigStoreOptions> options,
    IOptions<AuditOptions> auditOptions,
    AuditSigner signer,
    ILogger<EnvironmentGrain> logger) : Grain, IEnvironmentGrain
{
    /// <summary>The overlap with which reconciliation re-reads rows, to catch commits seen late.</summary>
    private static readonly TimeSpan ReadOverlap = TimeSpan.FromSeconds(5);

    /// <summary>How many of the latest events are served from memory rather than from the log table.</summary>
    private const int RecentCapacity = 1024;

    /// <summary>The most events one read returns.</summary>
    private const int MaxPage = 1000;

    private readonly Snapshot _snapshot = new();
    private readonly Snapshot _flags = new();
    private readonly Snapshot _secrets = new();
    private readonly Dictionary<ChangeItem, int> _sequenced = [];
    private readonly Queue<ChangeEvent> _recent = new();
    private string _namespace = "";
    private string _environment = "";
    private long _head;
    private long _firstRetained = 1;
    private DateTimeOffset? _lastReadAt;
    private IGrainTimer? _reconcileTimer;
    private IAsyncStream<ChangeEvent> _stream = null!;
    private readonly List<PendingReport> _pending = [];
    private Task? _committing;
    private Task _publishing = Task.CompletedTask;
    private readonly SemaphoreSlim _auditing = new(1, 1);
    private readonly Dictionary<long, (string? RequestId, string? ClientAddress)> _requests = [];
    private long _audited;
    private string? _auditFailure;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _environment) = GrainKeys.ParseEnvironment(this.GetPrimaryKeyString());
        _stream = this.GetStreamProvider(ChangeStreams.Provider)
            .GetStream<ChangeEvent>(ChangeStreams.Namespace, this.GetPrimaryKeyString());
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
            _head, _snapshot.Count);
    }

    public Task<ReportResult> Report(ChangeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        return Enqueue(report);
    }

    public async Task<ChangePage> GetChanges(long afterRevision, int limit)
    {
        if (!state.State.Exists)
        {
            return new ChangePage(-1, 0, false, []);
        }

        if (afterRevision > _head || afterRevision < _firstRetained - 1)
        {
            return new ChangePage(_head, _firstRetained, true, []);
        }

        var events = afterRevision == _head
            ? []
            : await EventsAfter(afterRevision, _head, Math.Clamp(limit, 1, MaxPage));

        return new ChangePage(_head, _firstRetained, false, events);
    }

    public Task<EnvironmentSnapshot> GetSnapshot(string? prefix)
    {
        var result = state.State.Exists
            ? new EnvironmentSnapshot(_head, _snapshot.Entries(prefix))
            : new EnvironmentSnapshot(-1, null);

        return Task.FromResult(result);
    }

    public Task<EnvironmentSnapshotJson> GetSnapshotJson(string? prefix, long knownRevision)
    {
        var result = !state.State.Exists
            ? new EnvironmentSnapshotJson(-1, null)
            : _head == knownRevision
                ? new EnvironmentSnapshotJson(knownRevision, null)
                : new EnvironmentSnapshotJson(_head, _snapshot.Json(prefix));

        return Task.FromResult(result);
    }

    public Task<EnvironmentItems> GetItems(ChangeKind kind, long knownRevision)
    {
        var view = kind switch
        {
            ChangeKind.Flag => _flags,
            ChangeKind.Secret => _secrets,
            _ => _snapshot,
        };
        var result = !state.State.Exists
            ? new EnvironmentItems(-1, null)
            : _head == knownRevision
                ? new EnvironmentItems(knownRevision, null)
                : new EnvironmentItems(_head, view.Entries(null));

        return Task.FromResult(result);
    }

    public Task<long> GetRevision() => Task.FromResult(state.State.Exists ? _head : -1);

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
        var head = await log.LoadAsync(_namespace, _environment, cancellationToken);
        var stored = await ReadStored(null, cancellationToken);
        foreach (var item in stored.Items)
        {
            Apply(item.Kind, item.Change);
        }

        if (head is null && stored.Items.Count > 0)
        {
            await StartLog(stored.Items, cancellationToken);
        }
        else if (head is not null)
        {
            _head = head.Revision;
            _firstRetained = head.FirstRetained;
            _audited = head.Audited;
            foreach (var (item, version) in head.Versions)
            {
                _sequenced[item] = version;
            }

            var recent = await log.ReadAsync(_namespace, _environment, Math.Max(0, _head - RecentCapacity),
                RecentCapacity, cancellationToken);
            foreach (var change in recent)
            {
                Remember(change);
            }
        }

        _lastReadAt = stored.ReadAt;
        await SequenceUnreported(WithoutPendingChangeSet(stored.Items), cancellationToken);
        await TryAuditBacklog();
        LogLoaded(_namespace, _environment, stored.Items.Count, _head);

        if (!store.IsDurable)
        {
            // Nothing can rebuild the snapshot of the in-memory mode, so it stays active.
            DelayDeactivation(TimeSpan.FromDays(3650));
            return;
        }

        // A random first delay spreads the reconciliation of environments activated together.
        var interval = options.Value.ReconcileInterval;
        var first = interval * (0.5 + Random.Shared.NextDouble());
        _reconcileTimer ??= this.RegisterGrainTimer(Reconcile, new GrainTimerCreationOptions(first, interval));
    }

    /// <summary>Reads the current versions of every kind of item from storage in one query.</summary>
    private async Task<(IReadOnlyList<StoredItem> Items, DateTimeOffset ReadAt)> ReadStored(
        DateTimeOffset? changedAfter, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(_namespace, _environment, changedAfter, cancellationToken);

        return (stored.Items, stored.ReadAt);
    }

    /// <summary>Applies a sequenced version to the view of its kind.</summary>
    private void Apply(ChangeKind kind, ConfigChange change)
    {
        switch (kind)
        {
            case ChangeKind.Config:
                _snapshot.Apply(change);
                break;
            case ChangeKind.Flag:
                _flags.Apply(change);
                break;
            case ChangeKind.Secret:
                // The view of secrets lists names and versions; their stored values are ciphertext.
                var version = change.Version;
                _secrets.Apply(change with { Version = version with { Value = version.IsDeleted ? null : "null" } });
                break;
        }
    }

    /// <summary>
    /// Starts the log of an environment whose items were written before it had one: their versions
    /// count as sequenced, and subscribers that request anything earlier get a resync.
    /// </summary>
    private async Task StartLog(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken)
    {
        foreach (var (kind, change) in items)
        {
            _sequenced[new ChangeItem(kind, ConfigKeyRules.Normalize(change.Key))] = change.Version.Version;
        }

        _head = _sequenced.Values.Sum(v => (long)v);
        _firstRetained = _head + 1;
        _audited = _head;
        await log.StartAsync(_namespace, _environment, _head, _sequenced, cancellationToken);
        LogLogStarted(_namespace, _environment, _head);
    }

    /// <summary>
    /// Sequences the versions of <paramref name="items"/> that storage contains but the log lacks, oldest
    /// first by commit time, reading each such item's history from its row.
    /// </summary>
    private async Task SequenceUnreported(IReadOnlyList<StoredItem> items, CancellationToken cancellationToken)
    {
        var missing = new List<ChangeEvent>();
        foreach (var (kind, change) in items)
        {
            var known = _sequenced.GetValueOrDefault(new ChangeItem(kind, ConfigKeyRules.Normalize(change.Key)));
            if (change.Version.Version <= known)
            {
                continue;
            }

            var history = await store.ReadVersionsAsync(_namespace, _environment, kind, change.Key, known,
                cancellationToken);
            if (history is not null)
            {
                missing.AddRange(history.Versions.Select(v => ConfigEvents.From(kind, history.Key, v)));
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var before = _head;
        var ordered = missing.OrderBy(e => e.Time).ThenBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Version);
        await Task.WhenAll(ordered.Select(e => Enqueue(new ChangeReport(e.Kind, e.Key, [e]))).ToArray());
        LogReconciled(_namespace, _environment, before, _head);
    }

    /// <summary>
    /// Queues a report for the next group commit. Reports interleave, so while one batch is written to
    /// the log the next one gathers, and a busy environment pays one log write per batch, not per change.
    /// </summary>
    private Task<ReportResult> Enqueue(ChangeReport report)
    {
        var result = AddPending(report);
        StartCommitting();

        return result;
    }

    /// <summary>Queues a report without starting a commit, so that several reports share one batch.</summary>
    private Task<ReportResult> AddPending(ChangeReport report)
    {
        var pending = new PendingReport(report, AuditContext.RequestId, AuditContext.ClientAddress);
        _pending.Add(pending);

        return pending.Result.Task;
    }

    private void StartCommitting()
    {
        if (_committing is null || _committing.IsCompleted)
        {
            _committing = CommitPending();
        }
    }

    private async Task CommitPending()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            await Commit(batch);
        }
    }

    /// <summary>
    /// Gives consecutive revisions to the versions a batch of reports adds, appends them to the log,
    /// applies them, publishes the events and completes the reports. The log write is what makes them
    /// visible; publishing may fail without losing them, because subscribers repair gaps from the log.
    /// </summary>
    private async Task Commit(IReadOnlyList<PendingReport> batch)
    {
        var staged = new Dictionary<ChangeItem, int>();
        var events = new List<ChangeEvent>();
        var refused = new Dictionary<PendingReport, int>();
        foreach (var pending in batch)
        {
            var report = pending.Report;
            var item = new ChangeItem(report.Kind, ConfigKeyRules.Normalize(report.Key));
            if (!staged.TryGetValue(item, out var known))
            {
                known = _sequenced.GetValueOrDefault(item);
            }

            var fresh = report.Versions.Where(v => v.Version > known).OrderBy(v => v.Version).ToList();
            if (fresh.Where((v, i) => v.Version != known + 1 + i).Any())
            {
                refused[pending] = known;
                continue;
            }

            foreach (var version in fresh)
            {
                var revision = _head + 1 + events.Count;
                events.Add(version with { Revision = revision });
                if (pending.RequestId is not null || pending.ClientAddress is not null)
                {
                    _requests[revision] = (pending.RequestId, pending.ClientAddress);
                }
            }

            if (fresh.Count > 0)
            {
                staged[item] = fresh[^1].Version;
            }
        }

        try
        {
            await Append(events);
        }
        catch (Exception exception)
        {
            Fail(batch, exception);

            return;
        }

        // Publishing runs behind the log writes, one batch after another, so it keeps the order of
        // revisions without holding up the audit record or the next batch. A change in the log is
        // published whether or not its audit record can be written.
        if (events.Count > 0)
        {
            _publishing = PublishAfter(_publishing, events);
        }

        try
        {
            await AuditUpTo(_head);
        }
        catch (Exception exception)
        {
            Fail(batch, exception);

            return;
        }

        foreach (var pending in batch)
        {
            var item = new ChangeItem(pending.Report.Kind, ConfigKeyRules.Normalize(pending.Report.Key));
            pending.Result.TrySetResult(refused.TryGetValue(pending, out var known)
                ? new ReportResult(false, _head, known)
                : new ReportResult(true, _head, _sequenced.GetValueOrDefault(item)));
        }
    }

    private static void Fail(IEnumerable<PendingReport> batch, Exception exception)
    {
        foreach (var pending in batch)
        {
            pending.Result.TrySetException(exception);
        }
    }

    private async Task PublishAfter(Task previous, IReadOnlyList<ChangeEvent> events)
    {
        await previous;
        await Publish(events);
    }

    private async Task Append(IReadOnlyList<ChangeEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            await log.AppendAsync(_namespace, _environment, _head, events, CancellationToken.None);
        }
        catch (ChangeLogConflictException exception)
        {
            // Another activation of this environment wrote the log; this one's view is stale.
            LogLogConflict(_namespace, _environment, exception);
            DeactivateOnIdle();
            throw;
        }

        foreach (var change in events)
        {
            _head = change.Revision;
            _sequenced[new ChangeItem(change.Kind, ConfigKeyRules.Normalize(change.Key))] = change.Version;
            Apply(change.Kind, ConfigEvents.ToChange(change));

            Remember(change);
        }
    }

    public async Task<string?> AdmitWrite()
    {
        if (_auditFailure is null)
        {
            return null;
        }

        await TryAuditBacklog();

        return _auditFailure is null
            ? null
            : $"The audit log of namespace '{_namespace}' cannot be written ({_auditFailure}), so changes to "
                + $"{_namespace}/{_environment} are refused until it can; retry later.";
    }

    /// <summary>Writes the audit records of changes up to <paramref name="revision"/> that lack them.</summary>
    private async Task AuditUpTo(long revision)
    {
        await _auditing.WaitAsync();
        try
        {
            while (_audited < revision)
            {
                var page = await EventsAfter(_audited, revision);
                if (page.Count == 0)
                {
                    throw new InvalidOperationException(
                        $"The change log of {_namespace}/{_environment} lacks the events after revision {_audited}.");
                }

                var chain = GrainFactory.GetGrain<IAuditChainGrain>(_namespace);
                try
                {
                    await chain.Append(page.Select(ToAuditRecord).ToArray()).WaitAsync(auditOptions.Value.WriteTimeout);
                }
                catch (Exception exception)
                {
                    _auditFailure = exception is TimeoutException
                        ? $"no answer within {auditOptions.Value.WriteTimeout.TotalSeconds:0.#} s"
                        : exception.GetType().Name;
                    // The audit chain logged the cause; the exception crosses grain calls without it, because
                    // database exceptions are not serializable.
                    throw new AuditUnavailableException(
                        $"The change to {_namespace}/{_environment} was saved, but the audit log of namespace "
                        + $"'{_namespace}' cannot record it ({_auditFailure}); it is recorded once the audit log is "
                        + "back, and until then further changes there are refused. Retry later.");
                }

                _audited = page[^1].Revision;
                foreach (var change in page)
                {
                    _requests.Remove(change.Revision);
                }
            }

            _auditFailure = null;
        }
        finally
        {
            _auditing.Release();
        }
    }

    private async Task TryAuditBacklog()
    {
        if (_audited >= _head)
        {
            return;
        }

        try
        {
            await AuditUpTo(_head);
        }
        catch (Exception exception)
        {
            LogAuditBacklog(_namespace, _environment, _head - _audited, exception);
        }
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> events after <paramref name="after"/> and up to
    /// <paramref name="upTo"/>: from memory when the recent events reach back that far, else from the log.
    /// </summary>
    private async Task<IReadOnlyList<ChangeEvent>> EventsAfter(long after, long upTo, int limit = MaxPage)
    {
        if (_recent.TryPeek(out var oldest) && oldest.Revision <= after + 1)
        {
            return _recent.Where(e => e.Revision > after && e.Revision <= upTo).Take(limit).ToArray();
        }

        var events = await log.ReadAsync(_namespace, _environment, after, limit, CancellationToken.None);

        return events.Where(e => e.Revision <= upTo).ToArray();
    }

    private AuditRecord ToAuditRecord(ChangeEvent change)
    {
        var action = AuditActions.Change(change.Kind, change.Action
            ?? (change.Deleted ? "delete"
                : change.RolledBackFrom is not null ? "rollback"
                : change.Version == 1 ? "create"
                : "update"));
        _requests.TryGetValue(change.Revision, out var request);

        return new AuditRecord(
            $"config:{_namespace}/{_environment}@{change.Revision}",
            change.Time,
            change.Actor,
            AuditContext.CredentialOf(change.Actor),
            action,
            _namespace,
            _environment,
            ChangeEventKinds.Name(change.Kind),
            change.Key,
            change.Version > 1 ? change.Version - 1 : null,
            change.Version,
            AuditSummaries.Of(change, signer),
            request.RequestId,
            request.ClientAddress,
            change.Revision);
    }

    private async Task Publish(IReadOnlyList<ChangeEvent> events)
    {
        try
        {
            foreach (var change in events)
            {
                await _stream.OnNextAsync(change);
            }
        }
        catch (Exception exception)
        {
            LogPublishFailed(_namespace, _environment, events[0].Revision, exception);
        }
    }

    private void Remember(ChangeEvent change)
    {
        _recent.Enqueue(change);
        while (_recent.Count > RecentCapacity)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>
    /// Sequences changes that reached storage without being reported, such as a key grain's last
    /// write before its silo died, and trims the log to its retention.
    /// </summary>
    private async Task Reconcile(CancellationToken cancellationToken)
    {
        try
        {
            // A change set in progress writes its keys before it sequences them in one batch; reading them
            // now would sequence them one by one, so this round leaves them for the next.
            if (!await _changeSets.WaitAsync(0, cancellationToken))
            {
                return;
            }

            try
            {
                await ResumeChangeSet();
                var since = _lastReadAt - ReadOverlap;
                var stored = await ReadStored(since, cancellationToken);
                await SequenceUnreported(stored.Items, cancellationToken);
                _lastReadAt = stored.ReadAt;
            }
            finally
            {
                _changeSets.Release();
            }

            await TryAuditBacklog();
            await Trim(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReconcileFailed(_namespace, _environment, exception);
        }
    }

    private async Task Trim(CancellationToken cancellationToken)
    {
        var retention = options.Value.ChangeLogRetention;
        var kept = _head - _firstRetained + 1;
        if (kept <= retention + retention / 10)
        {
            return;
        }

        var firstKept = _head - retention + 1;
        await log.TrimAsync(_namespace, _environment, firstKept, cancellationToken);
        _firstRetained = firstKept;
    }

    /// <summary>A report waiting for the next group commit.</summary>
    private sealed class PendingReport(ChangeReport report, string? requestId, string? clientAddress)
    {
        public ChangeReport Report { get; } = report;

        public string? RequestId { get; } = requestId;

        public string? ClientAddress { get; } = clientAddress;

        public TaskCompletionSource<ReportResult> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
