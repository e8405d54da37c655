using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.Tests.LoadTests;

/// <summary>Builds measured results for the SLO and report tests.</summary>
internal static class LoadResults
{
    public static OperationResult Operation(string name, OperationCategory category, double p99, long requests = 100,
        long errors = 0)
    {
        var stats = new LatencyStats(requests, p99 / 4, p99 / 2, p99 * 0.8, p99, p99 * 1.5);

        return new OperationResult(name, category, requests, errors, requests, errors, requests / 10.0, stats, stats,
            stats, new Dictionary<int, long> { [200] = requests - errors }, [], []);
    }

    public static ScenarioResult Scenario(string name, params OperationResult[] operations) =>
        new(name, "test scenario", ScenarioStatus.Completed, null,
            [new StageSummary(RateProfile.Steady, 10, 10, 10)], 8, 10, 0, operations, [], [], [], 0, 0);
}
