using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Changes;
using OrleansConfig.Items;
using OrleansConfig.Schemas;

namespace OrleansConfig.Configuration;

/// <summary>
/// One configuration key: its current value and whole history in memory, persisted as one row.
/// A change is acknowledged only after the row is written and the environment snapshot shows it.
/// </summary>
public sealed partial class ConfigKeyGrain(
    [PersistentState(StorageNames.ConfigKeyState, StorageNames.Provider)] IPersistentState<ConfigKeyState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<ConfigStoreOptions> options,
    SchemaCompiler compiler,
    ILogger<ConfigKeyGrain> logger) : VersionedItemGrain<ConfigKeyState>(state, time, logger), IConfigKeyGrain
{
    protected override ChangeKind Kind => ChangeKind.Config;

    protected override string Noun => "key";

    public Task<ConfigResult> Put(ConfigPut request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var invalid = ValidatePut(request);
        if (invalid is not null)
        {
            return Task.FromResult(invalid);
        }

        return Commit(request.Conditions, () => DecidePut(request));
    }

    public Task<ConfigResult> Delete(ConfigDelete request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(request.Conditions, () => DecideDelete(request));
    }

    public Task<ConfigResult> Rollback(ConfigRollback request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(request.Conditions, () => DecideRollback(request));
    }

    public Task<ConfigResult> Get(int? version) => Task.FromResult(Read(version));

    public Task<ConfigHistoryPage> GetVersions(int? before, int limit) =>
        Task.FromResult(ReadVersions(before, limit));

    public Task<ConfigResult?> PrepareChange(ChangeSetEntry entry, string changeSetId) =>
        PrepareChangeCore(entry, changeSetId,
            (key, value) => ValidatePut(new ConfigPut(key, value, "", null, WriteConditions.None)));

    public Task<ConfigResult> CommitChange(ChangeSetEntry entry, string changeSetId, string author, string? comment) =>
        CommitChangeCore(entry, changeSetId, author, comment);

    public Task ReleaseChange(string changeSetId)
    {
        ReleaseChangeCore(changeSetId);

        return Task.CompletedTask;
    }

    private ConfigResult? ValidatePut(ConfigPut request)
    {
        var keyProblem = ConfigKeyRules.ValidateKey(request.Key);
        if (keyProblem is not null)
        {
            return ConfigResult.Failure(ConfigStatus.InvalidKey, keyProblem, request.Key);
        }

        if (ConfigKeyRules.Normalize(request.Key) != NormalizedKey)
        {
            return ConfigResult.Failure(ConfigStatus.InvalidKey,
                $"The key '{request.Key}' does not belong to the grain '{this.GetPrimaryKeyString()}'.", request.Key);
        }

        var valueProblem = ConfigValueRules.Validate(request.Value, options.Value.MaxValueBytes);

        return valueProblem is { } p ? ConfigResult.Failure(p.Status, p.Detail, request.Key) : null;
    }

    private Decision DecidePut(ConfigPut request)
    {
        var current = Current;
        if (current is { IsDeleted: false } && !string.Equals(State.Key, request.Key, StringComparison.Ordinal))
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.CaseConflict,
                $"The key '{request.Key}' differs only by case from the existing key '{State.Key}'; "
                + "keys are read case-insensitively, so write to the existing key or delete it first.",
                State.Key, LatestVersion));
        }

        if (current is { IsDeleted: false } && current.Value == request.Value)
        {
            return Decision.Return(Unchanged(current));
        }

        return Decision.Store(request.Key, NewVersion(request.Value, request.Author, request.Comment));
    }
}
