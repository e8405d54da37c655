using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

public sealed partial class ConfigKeyGrain
{
    /// <summary>What a write decided: a new version to store, or a result to return as it is.</summary>
    private readonly record struct Decision(ConfigVersion? NewVersion, string? Key, ConfigResult? Result)
    {
        public static Decision Return(ConfigResult result) => new(null, null, result);

        public static Decision Store(string key, ConfigVersion version) => new(version, key, null);
    }

    /// <summary>
    /// Decides a write against the current state, persists the new version and reports it to the
    /// environment. A write that loses an optimistic-concurrency race re-reads the row and decides again
    /// once, because the other writer may have changed what the request should do.
    /// </summary>
    private async Task<ConfigResult> Commit(WriteConditions conditions, Func<Decision> decide)
    {
        if (!await EnsureEnvironmentExists())
        {
            return ConfigResult.Failure(ConfigStatus.EnvironmentNotFound,
                $"The environment '{_environment}' of namespace '{_namespace}' does not exist; create it with "
                + $"PUT /v1/namespaces/{_namespace}/environments/{_environment}.");
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

            if (decision.NewVersion!.Value is { } value && await CheckSchemas(decision.Key!, value) is { } invalid)
            {
                return invalid;
            }

            var environment = GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_namespace, _environment));
            if (await environment.AdmitWrite() is { } refusal)
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
                LogWriteConflict(this.GetPrimaryKeyString(), exception);
                await state.ReadStateAsync();
                continue;
            }

            await ReportToEnvironment();

            var status = StatusOf(previous, decision.NewVersion!);

            return new ConfigResult(status, state.State.Key, Current, null, LatestVersion);
        }
    }

    /// <summary>Appends a version and writes the row; on failure memory is restored to match storage.</summary>
    private async Task Persist(string key, ConfigVersion version)
    {
        var previousKey = state.State.Key;
        state.State.Key = key;
        state.State.Versions.Add(version);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            state.State.Key = previousKey;
            throw;
        }

        LogVersionWritten(this.GetPrimaryKeyString(), version.Version, version.IsDeleted);
    }

    /// <summary>
    /// Reports the versions the environment grain has not confirmed, which sequences and publishes
    /// them. Every successful call ends here, so a retried request repairs a report lost to a failure.
    /// After activation only the latest version is sent at first; when the environment lacks earlier
    /// ones, it says which it has and the rest follows.
    /// </summary>
    private async Task ReportToEnvironment()
    {
        var current = Current;
        if (current is null || current.Version <= _reportedVersion)
        {
            return;
        }

        var environment = GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_namespace, _environment));
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

    private ChangeReport ReportAfter(int version) => new(ChangeKind.Config, state.State.Key!,
        state.State.Versions.Where(v => v.Version > version).Select(v => ConfigEvents.From(state.State.Key!, v))
            .ToArray());

    private async Task<bool> EnsureEnvironmentExists()
    {
        if (!_environmentExists)
        {
            var environment = GrainFactory.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_namespace, _environment));
            _environmentExists = await environment.GetInfo() is not null;
        }

        return _environmentExists;
    }

    private ConfigResult? CheckConditions(WriteConditions conditions)
    {
        var current = Current;
        var exists = current is { IsDeleted: false };
        if (conditions.IfNoneMatchAny && exists)
        {
            return Precondition($"If-None-Match: * failed: the key exists at version {current!.Version}.");
        }

        if (conditions.IfMatchAny && !exists)
        {
            return Precondition("If-Match: * failed: the key does not exist.");
        }

        if (conditions.IfMatchVersion is int expected && expected != LatestVersion)
        {
            return Precondition($"If-Match named version {expected}, but the key is at version {LatestVersion}; "
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
