namespace OrleansConfig.Changes;

/// <summary>What an event changed. Flags and secrets share the environment's revision with configuration.</summary>
[GenerateSerializer, Alias("oc.change-kind")]
public enum ChangeKind
{
    Config = 0,
    Flag = 1,
    Secret = 2,

    /// <summary>
    /// A drift report of the environment against its registered desired state. It changes no item; its
    /// <see cref="ChangeEvent.Value"/> is the report's summary as JSON.
    /// </summary>
    Drift = 3,
}

/// <summary>
/// One committed change of an environment. <see cref="Revision"/> is the environment's revision
/// after the change; revisions of an environment are consecutive, so a gap shows a missed event.
/// <see cref="Value"/> is the new value as JSON text, null for a deletion and always null for a
/// secret, whose events carry only the fact and the version. <see cref="Action"/> names a change that
/// is more than a new value, such as archiving a flag or rotating a secret; null for an ordinary write.
/// <see cref="ChangeSet"/> names the change set the event belongs to; the events of one change set have
/// consecutive revisions.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-event")]
public sealed record ChangeEvent(
    [property: Id(0)] long Revision,
    [property: Id(1)] ChangeKind Kind,
    [property: Id(2)] string Key,
    [property: Id(3)] int Version,
    [property: Id(4)] string? Value,
    [property: Id(5)] bool Deleted,
    [property: Id(6)] string Actor,
    [property: Id(7)] DateTimeOffset Time,
    [property: Id(8)] string? Comment,
    [property: Id(9)] int? RolledBackFrom,
    [property: Id(10)] string? Action = null,
    [property: Id(11)] string? ChangeSet = null);

/// <summary>
/// Events after a revision, oldest first. <see cref="Resync"/> is true when the requested revision is
/// older than the oldest event kept (or newer than <see cref="Head"/>): the caller must reload the
/// snapshot instead of replaying. <see cref="Head"/> is -1 when the environment does not exist.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-page")]
public sealed record ChangePage(
    [property: Id(0)] long Head,
    [property: Id(1)] long FirstRetained,
    [property: Id(2)] bool Resync,
    [property: Id(3)] IReadOnlyList<ChangeEvent> Events);

/// <summary>
/// Versions of one key that its grain has made durable and requests the environment to sequence, oldest
/// first and consecutive. Their <see cref="ChangeEvent.Revision"/> is ignored: the environment assigns it.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.change-report")]
public sealed record ChangeReport(
    [property: Id(0)] ChangeKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] IReadOnlyList<ChangeEvent> Versions);

/// <summary>
/// The result of a report: the environment's revision, and the key's latest version it has sequenced.
/// When <see cref="Accepted"/> is false the report began after a version the environment lacks, and
/// the reporter sends again starting at <see cref="KnownVersion"/> + 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.report-result")]
public sealed record ReportResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] long Revision,
    [property: Id(2)] int KnownVersion);

/// <summary>The names of change kinds in events, audit records and HTTP.</summary>
public static class ChangeEventKinds
{
    public static string Name(ChangeKind kind) => kind switch
    {
        ChangeKind.Config => "config",
        ChangeKind.Flag => "flag",
        ChangeKind.Secret => "secret",
        ChangeKind.Drift => "drift",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
