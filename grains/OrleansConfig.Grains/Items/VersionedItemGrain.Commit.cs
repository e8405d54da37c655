using Orleans.Storage;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Items;

public abstract partial class VersionedItemGrain<TState>
{
    /// <summary>
    /// Decides a write against the current state, persists the new version and reports it to the
    /// environment. A write that loses an optimistic-concurrency race re-reads the row and decides again
    /// once, because the other writer may have changed what the request should do.
    /// </summary>
    protected async Task<ConfigResult> Commit(WriteConditions conditions, Func<Decision> decide)
    {
        if (!await EnsureEnvironmentExists())
        {
            return ConfigResult.Failure(ConfigStatus.EnvironmentNotFound,
                $"The environment '{Environment}' of namespace '{Namespace}' does not exist; create it with "
                + $"PUT /v1/namespaces/{Namespace}/environments/{Environment}.");
        }

        await WaitForReservation();
        await _writeGate.WaitAsync();
        try
        {
            return await CommitDecision(conditions, decide);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Decides and commits a write; runs under the write gate, so a change set's interleaving commit cannot
    /// change the state between the decision and the write.
    /// </summary>
    private async Task<ConfigResult> CommitDecision(WriteConditions conditions, Func<Decision> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            var failed = CheckConditions(conditions);
            var decision = failed is null ? decide() : Decision.Return(failed);
            if (decision.Result is { } result)
            {
                if (result.IsSuccess)
                {
                    await ReportToEnvironment();
                }

                return result;
            }

            var value = decision.NewVersion!.Value;
            if (value is not null && await CheckValue(decision.Key!, value) is { } invalid)
            {
                return invalid;
            }

            if (await EnvironmentGrain.AdmitWrite() is { } refusal)
            {
                return ConfigResult.Failure(ConfigStatus.AuditUnavailable, refusal, state.State.Key, LatestVersion);
            }

            var previous = Current;
            try
            {
                await Persist(decision.Key!, decision.NewVersion!);
            }
            catch (InconsistentStateException exception) when (attempt == 1)
            {
                logger.LogWriteConflict(Noun, this.GetPrimaryKeyString(), exception);
                await state.ReadStateAsync();
                continue;
            }

            await ReportToEnvironment();

            var status = StatusOf(previous, decision.NewVersion!);

            return new ConfigResult(status, state.State.Key, Current, null, LatestVersion);
        }
    }

    /// <summary>
    /// Writes the state as it is now (for changes beside versions, such as a flag's schedules); on failure
    /// <paramref name="undo"/> restores memory to match storage.
    /// </summary>
    protected async Task WriteState(Action undo)
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

    /// <summary>Reads the row again, after a write lost an optimistic-concurrency race.</summary>
    protected Task ReloadState() => state.ReadStateAsync();
    /// <summary>
    /// Checks a value about to be stored beyond its own rules, such as against the schemas of its key; returns
    /// the failure, or null to store it. Every write path of the item passes here: writes, rollbacks and
    /// change sets.
    /// </summary>
    protected virtual Task<ConfigResult?> CheckValue(string key, string value) => Task.FromResult<ConfigResult?>(null);

    protected IEnvironmentGrain EnvironmentGrain =>
        GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(Namespace, Environment));

    /// <summary>Appends a version and writes the row; on failure memory is restored to match storage.</summary>
    private async Task Persist(string key, ConfigVersion version)
    {
        var previousKey = state.State.Key;
        state.State.Key = key;
        state.State.Versions.Add(version);
        await WriteState(() =>
        {
            state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            state.State.Key = previousKey;
        });

        logger.LogVersionWritten(Noun, this.GetPrimaryKeyString(), version.Version, version.IsDeleted);
    }

    /// <summary>
    /// Reports the versions the environment grain has not confirmed, which sequences and publishes
    /// them. Every successful call ends here, so a retried request repairs a report lost to a failure.
    /// After activation only the latest version is sent at first; when the environment lacks earlier
    /// ones, it returns the last version it has and the rest follow.
    /// </summary>
    protected async Task ReportToEnvironment()
    {
        var current = Current;
        if (current is null || current.Version <= _reportedVersion)
        {
            return;
        }

        var environment = EnvironmentGrain;
        var after = _reportedVersion > 0 ? _reportedVersion : current.Version - 1;
        var result = await environment.Report(ReportAfter(after));
        if (!result.Accepted)
        {
            result = await environment.Report(ReportAfter(result.KnownVersion));
        }

        if (!result.Accepted)
        {
            throw new InvalidOperationException(
                $"The environment refused the versions of '{this.GetPrimaryKeyString()}' after {result.KnownVersion}.");
        }

        _reportedVersion = current.Version;
    }

    private ChangeReport ReportAfter(int version) => new(Kind, state.State.Key!,
        state.State.Versions.Where(v => v.Version > version).Select(v => ConfigEvents.From(Kind, state.State.Key!, v))
            .ToArray());

    protected async Task<bool> EnsureEnvironmentExists()
    {
        if (!_environmentExists)
        {
            _environmentExists = await EnvironmentGrain.GetInfo() is not null;
        }

        return _environmentExists;
    }

    protected ConfigResult? CheckConditions(WriteConditions conditions)
    {
        var current = Current;
        var exists = current is { IsDeleted: false };
        if (conditions.IfNoneMatchAny && exists)
        {
            return Precondition($"If-None-Match: * failed: the {Noun} exists at version {current!.Version}.");
        }

        if (conditions.IfMatchAny && !exists)
        {
            return Precondition($"If-Match: * failed: the {Noun} does not exist.");
        }

        if (conditions.IfMatchVersion is int expected && expected != LatestVersion)
        {
            return Precondition($"If-Match named version {expected}, but the {Noun} is at version {LatestVersion}; "
                + "read it again and retry with the current ETag.");
        }

        return null;
    }

    private ConfigResult Precondition(string detail) =>
        ConfigResult.Failure(ConfigStatus.PreconditionFailed, detail, state.State.Key, LatestVersion);

    private static ConfigStatus StatusOf(ConfigVersion? previous, ConfigVersion written) => written.IsDeleted
        ? ConfigStatus.Deleted
        : previous is null or { IsDeleted: true } ? ConfigStatus.Created : ConfigStatus.Updated;
}
