namespace OrleansConfig.Configuration;

/// <summary>
/// One environment of one namespace, keyed by <see cref="GrainKeys.Environment"/>. Holds the
/// materialized snapshot of all its keys and a revision that increases with every change, so that
/// reading a whole environment never fans out to the key grains.
/// </summary>
[Alias("oc.environment")]
public interface IEnvironmentGrain : IGrainWithStringKey
{
    /// <summary>Creates the environment; returns false when it already existed.</summary>
    [Alias("create")]
    Task<bool> Create(string author);

    [Alias("info"), ReadOnly]
    Task<EnvironmentInfo?> GetInfo();

    /// <summary>Records a key's new current version; returns the environment revision after it.</summary>
    [Alias("apply")]
    Task<long> Apply(ConfigChange change);

    /// <summary>
    /// Returns the snapshot, restricted to keys starting with <paramref name="prefix"/>, ignoring case.
    /// </summary>
    [Alias("snapshot"), ReadOnly]
    Task<EnvironmentSnapshot> GetSnapshot(string? prefix);

    /// <summary>
    /// Returns the snapshot as JSON, serialized once per revision for the whole environment, so that
    /// serving it costs a copy rather than a serialization per request. When the revision equals
    /// <paramref name="knownRevision"/>, only the revision is returned.
    /// </summary>
    [Alias("snapshot-json"), ReadOnly]
    Task<EnvironmentSnapshotJson> GetSnapshotJson(string? prefix, long knownRevision);

    /// <summary>Returns the revision, or -1 when the environment does not exist.</summary>
    [Alias("revision"), ReadOnly]
    Task<long> GetRevision();
}
