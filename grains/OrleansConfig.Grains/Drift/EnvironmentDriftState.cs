using OrleansConfig.Audit;

namespace OrleansConfig.Drift;

/// <summary>Persisted state of an environment's drift grain, stored as JSON.</summary>
public sealed class EnvironmentDriftState
{
    public DesiredStateRegistration? Registration { get; set; }

    public DriftReport? Latest { get; set; }

    /// <summary>A hash of the latest drift reported as an event, so that unchanged drift is reported once.</summary>
    public string? ReportedSignature { get; set; }

    /// <summary>When the next scheduled check is due, in product time.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    public List<AuditRecord> PendingAudit { get; set; } = [];
}
