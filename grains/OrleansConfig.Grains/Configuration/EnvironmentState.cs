using OrleansConfig.Audit;

namespace OrleansConfig.Configuration;

/// <summary>
/// Persisted state of an environment grain. The snapshot and the revision are not stored here: they
/// are derived from the key grains' rows, which are the only source of truth for values.
/// </summary>
public sealed class EnvironmentState
{
    public bool Exists { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>
    /// The intent record of a change set that committed but may not have reached all its keys yet; null when
    /// none is in progress. A new activation applies it again.
    /// </summary>
    public ChangeSetRequest? PendingChangeSet { get; set; }

    /// <summary>Audit records of change sets, written with the state and then appended to the chain.</summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}
