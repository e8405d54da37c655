using OrleansConfig.Changes;

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

    /// <summary>
    /// Sequences versions a key grain has made durable: each gets the next revision, is written to
    /// the change log and then published on the environment's change stream. Versions the
    /// environment has already sequenced are ignored, so a report may be repeated safely. Reports
    /// interleave with each other and with other calls, so that concurrent ones share one log write.
    /// </summary>
    [Alias("report"), AlwaysInterleave]
    Task<ReportResult> Report(ChangeReport report);

    /// <summary>
    /// Returns null when a change may be made, or why not: while the audit log cannot be written for
    /// this environment, changes are refused, after one more attempt to write what is pending.
    /// </summary>
    [Alias("admit"), AlwaysInterleave]
    Task<string?> AdmitWrite();

    /// <summary>
    /// Returns up to <paramref name="limit"/> events after <paramref name="afterRevision"/> from the
    /// change log, oldest first, or a page with <see cref="ChangePage.Resync"/> set when they are no
    /// longer kept.
    /// </summary>
    [Alias("changes"), ReadOnly]
    Task<ChangePage> GetChanges(long afterRevision, int limit);

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

    /// <summary>
    /// Returns the current version of every live item of <paramref name="kind"/>: for flags the stored
    /// definition document as the value, for secrets only names and versions (the value is JSON null).
    /// When the revision equals <paramref name="knownRevision"/>, only the revision is returned.
    /// </summary>
    [Alias("items"), ReadOnly]
    Task<EnvironmentItems> GetItems(ChangeKind kind, long knownRevision);

    /// <summary>Returns the revision, or -1 when the environment does not exist.</summary>
    [Alias("revision"), ReadOnly]
    Task<long> GetRevision();

    /// <summary>
    /// Applies configuration changes to several keys as one change set: every key is checked and reserved first
    /// (a failure writes nothing), then a durable intent record commits the change set, the keys are written,
    /// and their versions are sequenced in one batch, so readers of the snapshot and the change log see all of
    /// them at once. After a crash the intent record is applied again. Change sets run one at a time per
    /// environment; other calls interleave with them.
    /// </summary>
    [Alias("apply-change-set"), AlwaysInterleave]
    Task<ChangeSetResult> ApplyChangeSet(ChangeSetRequest request);

    /// <summary>
    /// Sequences a drift report of the environment against its desired state as a <see cref="ChangeKind.Drift"/>
    /// event, published and audited like a change; <paramref name="summaryJson"/> is its value.
    /// </summary>
    [Alias("report-drift"), AlwaysInterleave]
    Task<long> ReportDrift(string summaryJson, string action, string author);
}
