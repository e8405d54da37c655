using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

public sealed partial class EnvironmentGrain
{
    /// <summary>The item key of drift reports: one versioned item per environment, raised by each report.</summary>
    public const string DriftItemKey = "desired-state";

    public async Task<long> ReportDrift(string summaryJson, string action, string author)
    {
        ArgumentException.ThrowIfNullOrEmpty(summaryJson);

        if (!state.State.Exists)
        {
            return -1;
        }

        // Reports of one environment take their versions one after another, so two never claim the same one.
        await _changeSets.WaitAsync();
        try
        {
            var version = _sequenced.GetValueOrDefault(new ChangeItem(ChangeKind.Drift, DriftItemKey)) + 1;
            var change = new ChangeEvent(0, ChangeKind.Drift, DriftItemKey, version, summaryJson, false, author,
                time.GetUtcNow(), null, null, action);
            var result = await Enqueue(new ChangeReport(ChangeKind.Drift, DriftItemKey, [change]));

            return result.Revision;
        }
        finally
        {
            _changeSets.Release();
        }
    }
}
