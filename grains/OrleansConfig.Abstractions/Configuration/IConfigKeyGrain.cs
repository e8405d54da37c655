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

    /// <summary>
    /// Checks a change-set entry as a write would (version, key, value, schemas) and, when it passes, reserves
    /// the key for change set <paramref name="changeSetId"/> until <see cref="CommitChange"/> or
    /// <see cref="ReleaseChange"/>, or for 30 seconds. Writes that arrive meanwhile wait. Returns null when
    /// reserved, else the failure.
    /// </summary>
    [Alias("prepare-change")]
    Task<ConfigResult?> PrepareChange(ChangeSetEntry entry, string changeSetId);

    /// <summary>
    /// Writes a change-set entry without reporting it, because the environment sequences the whole change set
    /// at once. Idempotent: a version the change set already wrote is returned as it is. Returns
    /// <see cref="ConfigStatus.PreconditionFailed"/> when the key moved on although it was not reserved.
    /// </summary>
    [Alias("commit-change"), AlwaysInterleave]
    Task<ConfigResult> CommitChange(ChangeSetEntry entry, string changeSetId, string author, string? comment);

    /// <summary>Releases the key when change set <paramref name="changeSetId"/> reserved it.</summary>
    [Alias("release-change"), AlwaysInterleave]
    Task ReleaseChange(string changeSetId);
}
