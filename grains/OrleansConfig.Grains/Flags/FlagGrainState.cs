using OrleansConfig.Items;

namespace OrleansConfig.Flags;

/// <summary>
/// Persisted state of a flag grain: its versions, its scheduled changes and its pending audit records.
/// </summary>
public sealed class FlagGrainState : VersionedItemState
{
    /// <summary>Every scheduled change, pending and past, in the order they were created.</summary>
    public List<FlagSchedule> Schedules { get; set; } = [];

    /// <summary>The number the next new schedule's id takes.</summary>
    public int NextSchedule { get; set; } = 1;

    /// <summary>Audit records of schedule changes, stored with them and then appended to the chain.</summary>
    public List<Audit.AuditRecord> PendingAudit { get; set; } = [];
}
