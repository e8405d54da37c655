using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Flags;
using OrleansConfig.Schemas;

namespace OrleansConfig.Configuration;

/// <summary>
/// Change sets: several items changed as one. The protocol is two-phase with this grain as coordinator. First
/// every key grain checks its entry and reserves itself, and any failure releases them all and writes nothing.
/// Then the intent record in this grain's state commits the change set: from that write on, it is applied in
/// full, by this call or, after a crash, by the next reconciliation. Finally the keys write their versions
/// without reporting them, and this grain sequences all of them in one batch, so the snapshot, the change log
/// and the stream show the change set at once.
/// </summary>
public sealed partial class EnvironmentGrain
{
    /// <summary>Runs change sets, drift reports and reconciliation one at a time.</summary>
    private readonly SemaphoreSlim _changeSets = new(1, 1);

    public async Task<ChangeSetResult> ApplyChangeSet(ChangeSetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!state.State.Exists)
        {
            return ChangeSetResult.Failure(ChangeSetStatus.EnvironmentNotFound, -1,
                $"The environment '{_environment}' of namespace '{_namespace}' does not exist.");
        }

        await _changeSets.WaitAsync();
        try
        {
            await ResumeChangeSet();

            return await ApplyAlone(request);
        }
        finally
        {
            _changeSets.Release();
        }
    }

    private async Task<ChangeSetResult> ApplyAlone(ChangeSetRequest request)
    {
        if (await CheckMoved(request.BaseRevision) is { } moved)
        {
            return moved;
        }

        if (await Prepare(request) is { } failure)
        {
            return failure;
        }

        var refusal = await CheckMoved(request.BaseRevision) is { } movedMeanwhile
            ? movedMeanwhile
            : await AdmitWrite() is { } auditProblem
                ? ChangeSetResult.Failure(ChangeSetStatus.AuditUnavailable, _head, auditProblem)
                : null;
        if (refusal is not null)
        {
            await ReleaseKeys(request);

            return refusal;
        }

        await RecordIntent(request);
        LogChangeSetCommitted(_namespace, _environment, request.Id, request.Entries.Count);

        return await Complete(request);
    }

    /// <summary>
    /// Returns a <see cref="ChangeSetStatus.Moved"/> failure when an item changed after
    /// <paramref name="baseRevision"/>. Drift reports change no item, so they do not count.
    /// </summary>
    private async Task<ChangeSetResult?> CheckMoved(long? baseRevision)
    {
        if (baseRevision is not long revision || revision == _head)
        {
            return null;
        }

        var changed = new List<ChangeEvent>();
        var readable = revision < _head && revision >= _firstRetained - 1 && _head - revision <= MaxPage;
        if (readable)
        {
            var events = await EventsAfter(revision, _head);
            changed.AddRange(events.Where(e => e.Kind != ChangeKind.Drift));
            readable = events.Count == _head - revision;
        }

        if (readable && changed.Count == 0)
        {
            return null;
        }

        var keys = string.Join(", ", changed.Take(5).Select(e => $"{ChangeEventKinds.Name(e.Kind)} '{e.Key}'"));

        return ChangeSetResult.Failure(ChangeSetStatus.Moved, _head,
            $"The environment moved from revision {revision} to {_head} since the change was planned"
            + (keys.Length > 0 ? $" ({keys})" : "") + "; plan it again against the current state.");
    }

    /// <summary>Checks and reserves every entry; returns the failure after releasing what was reserved.</summary>
    private async Task<ChangeSetResult?> Prepare(ChangeSetRequest request)
    {
        var liveFlags = _flags.Entries(null).Select(e => FlagKeyRules.Normalize(e.Key))
            .ToHashSet(StringComparer.Ordinal);
        var flagConflict = request.Entries
            .Where(e => e.Kind == ChangeKind.Flag)
            .FirstOrDefault(e => e.ExpectedVersion == 0
                ? liveFlags.Contains(FlagKeyRules.Normalize(e.Key))
                : _sequenced.GetValueOrDefault(new ChangeItem(e.Kind, FlagKeyRules.Normalize(e.Key)))
                    != e.ExpectedVersion);
        if (request.Entries.FirstOrDefault(e => e.Kind is not (ChangeKind.Config or ChangeKind.Flag)) is { } other)
        {
            return ChangeSetResult.Failure(ChangeSetStatus.Invalid, _head,
                $"A change set cannot change the {ChangeEventKinds.Name(other.Kind)} '{other.Key}'; it changes "
                + "configuration keys and flags.");
        }

        if (flagConflict is not null)
        {
            return ChangeSetResult.Failure(ChangeSetStatus.Conflict, _head,
                $"The flag '{flagConflict.Key}' is not at version {flagConflict.ExpectedVersion} as the change set "
                + "expects; it changed after the change set was made.");
        }

        var configEntries = request.Entries.Where(e => e.Kind == ChangeKind.Config).ToArray();
        var results = await Task.WhenAll(configEntries.Select(e => KeyGrain(e.Key).PrepareChange(e, request.Id)));
        var failures = results.Where(r => r is not null).Select(r => r!).ToArray();
        if (failures.Length == 0)
        {
            return null;
        }

        await ReleaseKeys(request);
        var violations = failures.SelectMany(f => f.Violations ?? []).ToArray();
        var invalid = failures.Any(f => f.Status is ConfigStatus.SchemaViolation or ConfigStatus.InvalidKey
            or ConfigStatus.InvalidValue or ConfigStatus.ValueTooLarge);
        var detail = violations.Length > 0
            ? $"{violations.Select(v => v.Key).Distinct().Count()} value(s) fail their schemas, so nothing was "
                + $"written: {SchemaViolations.Describe(violations)}."
            : $"{failures.Length} key(s) cannot take the change, so nothing was written; first: "
                + $"'{failures[0].Key}': {failures[0].Detail}";

        return ChangeSetResult.Failure(invalid ? ChangeSetStatus.Invalid : ChangeSetStatus.Conflict, _head, detail,
            violations);
    }

    private async Task ReleaseKeys(ChangeSetRequest request) => await Task.WhenAll(request.Entries
        .Where(e => e.Kind == ChangeKind.Config)
        .Select(e => KeyGrain(e.Key).ReleaseChange(request.Id)));

    private async Task RecordIntent(ChangeSetRequest request)
    {
        state.State.PendingChangeSet = request;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.PendingChangeSet = null;
            await ReleaseKeys(request);
            throw;
        }
    }

    /// <summary>Applies the change set whose intent was recorded by an activation that did not finish it.</summary>
    private async Task ResumeChangeSet()
    {
        if (state.State.PendingChangeSet is { } pending)
        {
            LogChangeSetResumed(_namespace, _environment, pending.Id);
            await Complete(pending);
        }

        await AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);
    }

    /// <summary>
    /// Writes the entries of a committed change set, sequences the configuration versions in one batch, applies
    /// the flags, and replaces the intent record with the change set's audit record.
    /// </summary>
    private async Task<ChangeSetResult> Complete(ChangeSetRequest request)
    {
        var configEntries = request.Entries.Where(e => e.Kind == ChangeKind.Config).ToArray();
        var comment = request.Comment ?? $"{request.Action} ({request.Id})";
        var commits = await Task.WhenAll(configEntries.Select(
            e => KeyGrain(e.Key).CommitChange(e, request.Id, request.Author, comment)));
        var outcomes = new List<ChangeSetEntryResult>();
        var reports = new List<ChangeReport>();
        for (var i = 0; i < configEntries.Length; i++)
        {
            var (entry, result) = (configEntries[i], commits[i]);
            if (result.Status == ConfigStatus.PreconditionFailed)
            {
                outcomes.Add(new(ChangeKind.Config, entry.Key, ChangeSetOutcomes.Superseded, result.LatestVersion));
                continue;
            }

            outcomes.Add(new(ChangeKind.Config, result.Key ?? entry.Key, OutcomeOf(entry, result),
                result.Current!.Version));
            reports.Add(new ChangeReport(ChangeKind.Config, result.Key ?? entry.Key,
                [ConfigEvents.From(result.Key ?? entry.Key, result.Current!)]));
        }

        await SequenceTogether(reports);
        foreach (var entry in request.Entries.Where(e => e.Kind == ChangeKind.Flag))
        {
            outcomes.Add(await ApplyFlag(entry, request, comment));
        }

        await RecordCompletion(request, outcomes);

        return new ChangeSetResult(ChangeSetStatus.Applied, _head, outcomes, null, null);
    }

    private static string OutcomeOf(ChangeSetEntry entry, ConfigResult result) => result.Status switch
    {
        ConfigStatus.Created => ChangeSetOutcomes.Created,
        ConfigStatus.Updated => ChangeSetOutcomes.Updated,
        ConfigStatus.Deleted => ChangeSetOutcomes.Deleted,
        _ => entry.Value is null ? ChangeSetOutcomes.Deleted
            : entry.ExpectedVersion == 0 ? ChangeSetOutcomes.Created : ChangeSetOutcomes.Updated,
    };

    /// <summary>
    /// Sequences the reports in one batch. A report that does not continue the versions this grain has sequenced (an
    /// earlier version of the key is still being reported) is sent again with the versions in between.
    /// </summary>
    private async Task SequenceTogether(IReadOnlyList<ChangeReport> reports)
    {
        var pending = reports.Select(AddPending).ToArray();
        StartCommitting();
        var results = await Task.WhenAll(pending);
        for (var i = 0; i < reports.Count; i++)
        {
            if (results[i].Accepted)
            {
                continue;
            }

            var report = reports[i];
            var latest = report.Versions[^1].Version;
            var page = await KeyGrain(report.Key).GetVersions(latest + 1, latest - results[i].KnownVersion);
            var versions = page.Versions.Reverse().Select(v => ConfigEvents.From(report.Key, v)).ToArray();
            await Enqueue(new ChangeReport(ChangeKind.Config, report.Key, versions));
        }
    }

    /// <summary>
    /// Writes a flag entry through its grain with the expected version as precondition. Flag grains report
    /// their own versions, so flags join the change set's audit record but not its single batch.
    /// </summary>
    private async Task<ChangeSetEntryResult> ApplyFlag(ChangeSetEntry entry, ChangeSetRequest request, string comment)
    {
        var grain = GrainFactory.GetGrain<IFlagGrain>(GrainKeys.Flag(_namespace, _environment, entry.Key));
        var conditions = entry.ExpectedVersion == 0
            ? new WriteConditions(IfNoneMatchAny: true)
            : new WriteConditions(IfMatchVersion: entry.ExpectedVersion);
        var result = entry.Value is null
            ? await grain.Delete(new ConfigDelete(request.Author, comment, conditions))
            : await grain.Put(new ConfigPut(entry.Key, entry.Value, request.Author, comment, conditions));
        var outcome = result.IsSuccess ? OutcomeOf(entry, result)
            : result.Status == ConfigStatus.PreconditionFailed ? ChangeSetOutcomes.Superseded
            : ChangeSetOutcomes.Failed;
        if (!result.IsSuccess)
        {
            var problem = result.Detail ?? result.Status.ToString();
            LogFlagSuperseded(_namespace, _environment, request.Id, entry.Key, problem);
        }

        return new ChangeSetEntryResult(ChangeKind.Flag, entry.Key, outcome, result.LatestVersion);
    }

    /// <summary>Replaces the intent record with the change set's audit record, then appends it to the chain.</summary>
    private async Task RecordCompletion(ChangeSetRequest request, IReadOnlyList<ChangeSetEntryResult> outcomes)
    {
        string Count(string outcome) => outcomes.Count(o => o.Outcome == outcome)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var keys = string.Join(", ", outcomes.Take(20).Select(o => o.Key)) + (outcomes.Count > 20 ? ", …" : "");
        var summary = AuditSummaries.Of(("changeSet", request.Id), ("source", request.Source),
            ("comment", request.Comment), ("created", Count(ChangeSetOutcomes.Created)),
            ("updated", Count(ChangeSetOutcomes.Updated)), ("deleted", Count(ChangeSetOutcomes.Deleted)),
            ("superseded", Count(ChangeSetOutcomes.Superseded)), ("revision", _head.ToString(
                System.Globalization.CultureInfo.InvariantCulture)), ("keys", keys));
        var record = AuditOutbox.Record(time.GetUtcNow(), request.Author, $"changeset.{request.Action}", _namespace,
            _environment, "changeset", request.Id, summary) with { Id = $"changeset:{request.Id}", Revision = _head };

        state.State.PendingChangeSet = null;
        state.State.PendingAudit.Add(record);
        await state.WriteStateAsync();
        LogChangeSetApplied(_namespace, _environment, request.Id, _head);
        await AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);
    }

    /// <summary>Leaves out the items of a pending change set, which its replay sequences in one batch.</summary>
    private IReadOnlyList<StoredItem> WithoutPendingChangeSet(IReadOnlyList<StoredItem> items)
    {
        if (state.State.PendingChangeSet is not { } pending)
        {
            return items;
        }

        var keys = pending.Entries.Where(e => e.Kind == ChangeKind.Config)
            .Select(e => ConfigKeyRules.Normalize(e.Key))
            .ToHashSet(StringComparer.Ordinal);

        return items.Where(i => i.Kind != ChangeKind.Config || !keys.Contains(ConfigKeyRules.Normalize(i.Change.Key)))
            .ToArray();
    }

    private IConfigKeyGrain KeyGrain(string key) =>
        GrainFactory.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(_namespace, _environment, key));
}
