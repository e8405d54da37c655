namespace OrleansConfig.Configuration;

/// <summary>
/// One configuration key of one environment, keyed by <see cref="GrainKeys.ConfigKey"/>. Holds the
/// current value and the whole version history; every change is a new version.
/// </summary>
[Alias("oc.config-key")]
public interface IConfigKeyGrain : IGrainWithStringKey
{
    [Alias("put")]
    Task<ConfigResult> Put(ConfigPut request);

    /// <summary>Writes a tombstone version. The history stays, and re-creating continues the numbering.</summary>
    [Alias("delete")]
    Task<ConfigResult> Delete(ConfigDelete request);

    [Alias("rollback")]
    Task<ConfigResult> Rollback(ConfigRollback request);

    /// <summary>Reads the current version, or <paramref name="version"/> when given.</summary>
    [Alias("get"), ReadOnly]
    Task<ConfigResult> Get(int? version);

    /// <summary>Reads up to <paramref name="limit"/> versions older than <paramref name="before"/>.</summary>
    [Alias("versions"), ReadOnly]
    Task<ConfigHistoryPage> GetVersions(int? before, int limit);
}
