using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
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
    ILogger<ConfigKeyGrain> logger) : Grain, IConfigKeyGrain
{
    private string _namespace = "";
    private string _environment = "";
    private string _normalizedKey = "";
    private bool _environmentExists;

    /// <summary>The latest version the environment grain has confirmed; 0 until one is.</summary>
    private int _reportedVersion;

    private ConfigVersion? Current => state.State.Versions.Count > 0 ? state.State.Versions[^1] : null;

    private int LatestVersion => Current?.Version ?? 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _environment, _normalizedKey) = GrainKeys.ParseConfigKey(this.GetPrimaryKeyString());

        return Task.CompletedTask;
    }

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

    public Task<ConfigResult> Get(int? version)
    {
        var key = state.State.Key;
        if (version is null)
        {
            var current = Current;
            var result = current switch
            {
                null => ConfigResult.Failure(ConfigStatus.NotFound, "The key does not exist."),
                { IsDeleted: true } => ConfigResult.Failure(ConfigStatus.NotFound,
                    $"The key was deleted at version {current.Version}; read an older version with ?version=N.",
                    key, current.Version),
                _ => new ConfigResult(ConfigStatus.Found, key, current, null, current.Version),
            };

            return Task.FromResult(result);
        }

        return Task.FromResult(FindVersion(version.Value) switch
        {
            null => VersionNotFound(version.Value),
            { IsDeleted: true } found => ConfigResult.Failure(ConfigStatus.VersionIsDeletion,
                $"Version {found.Version} of the key records its deletion and has no value.", key, LatestVersion),
            var found => new ConfigResult(ConfigStatus.Found, key, found, null, LatestVersion),
        });
    }

    public Task<ConfigHistoryPage> GetVersions(int? before, int limit)
    {
        var versions = state.State.Versions;
        var end = before is int b ? Math.Clamp(b - 1, 0, versions.Count) : versions.Count;
        var count = Math.Clamp(limit, 1, 1000);
        var start = Math.Max(0, end - count);

        var page = new List<ConfigVersion>(end - start);
        for (var i = end - 1; i >= start; i--)
        {
            page.Add(versions[i]);
        }

        int? next = start > 0 ? versions[start].Version : null;

        return Task.FromResult(new ConfigHistoryPage(state.State.Key, page, next));
    }

    private ConfigResult? ValidatePut(ConfigPut request)
    {
        var keyProblem = ConfigKeyRules.ValidateKey(request.Key);
        if (keyProblem is not null)
        {
            return ConfigResult.Failure(ConfigStatus.InvalidKey, keyProblem, request.Key);
        }

        if (ConfigKeyRules.Normalize(request.Key) != _normalizedKey)
        {
            return ConfigResult.Failure(ConfigStatus.InvalidKey,
                $"The key '{request.Key}' does not belong to the grain '{this.GetPrimaryKeyString()}'.", request.Key);
        }

        var valueProblem = ConfigValueRules.Validate(request.Value, options.Value.MaxValueBytes);

        return valueProblem is { } p ? ConfigResult.Failure(p.Status, p.Detail, request.Key) : null;
    }

    private ConfigVersion? FindVersion(int version) =>
        version >= 1 && version <= state.State.Versions.Count ? state.State.Versions[version - 1] : null;

    private ConfigResult VersionNotFound(int version) => ConfigResult.Failure(ConfigStatus.VersionNotFound,
        LatestVersion == 0
            ? $"Version {version} does not exist: the key has no versions."
            : $"Version {version} does not exist: the key has versions 1 to {LatestVersion}.",
        state.State.Key, LatestVersion);
}
