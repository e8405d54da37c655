namespace OrleansConfig.Drift;

/// <summary>Persisted state of a plan grain, stored as JSON.</summary>
public sealed class PlanGrainState
{
    public PlanRecord? Plan { get; set; }
}
