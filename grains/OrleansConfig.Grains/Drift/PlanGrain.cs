namespace OrleansConfig.Drift;

/// <summary>A stored plan. Plans are written once and then only marked applied.</summary>
public sealed class PlanGrain(
    [PersistentState(StorageNames.PlanState, StorageNames.Provider)] IPersistentState<PlanGrainState> state)
    : Grain, IPlanGrain
{
    public async Task<bool> Save(PlanRecord plan)
    {
        ArgumentNullException.ThrowIfNull(plan);

        if (state.State.Plan is not null)
        {
            return false;
        }

        state.State.Plan = plan;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Plan = null;
            throw;
        }

        return true;
    }

    public Task<PlanRecord?> Get() => Task.FromResult(state.State.Plan);

    public async Task MarkApplied(string changeSetId, long revision)
    {
        if (state.State.Plan is not { } plan)
        {
            throw new InvalidOperationException($"The plan {this.GetPrimaryKeyString()} does not exist.");
        }

        state.State.Plan = plan with { AppliedChangeSet = changeSetId, AppliedRevision = revision };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Plan = plan;
            throw;
        }
    }
}
