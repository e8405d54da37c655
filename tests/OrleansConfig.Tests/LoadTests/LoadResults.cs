using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
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

    /// <summary>
    /// Returns a run of one config-read scenario over ten seconds, with the machine's busy cores and the api's
    /// and silo's CPU constant at the given values.
    /// </summary>
    public static RunReport Run(double machine, double api, double silo)
    {
        var scenario = Scenario("config-read", Operation("GET key", OperationCategory.Read, p99: 5))
            with { SampleFrom = 0, SampleTo = 9 };
        ProcessSeries Series(string name, double cores) =>
            new(name, 1, [.. Enumerable.Range(0, 10).Select(s => new ResourcePoint(s, cores, 100))]);

        return new RunReport(new MachineInfo(2, "cpu", 8, "Linux", "6", ".NET", "abc", "host"), "smoke", "http",
            "http://127.0.0.1:5080/", "one api", new SeedReport("", 0, 0, 0, 0, [], 0, ""), [scenario],
            [Series(ProcessSampler.Machine, machine), Series("api", api), Series("silo-1", silo)],
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "loadtests/run.sh");
    }

    public static ScenarioResult Scenario(string name, params OperationResult[] operations) =>
        new(name, "test scenario", ScenarioStatus.Completed, null,
            [new StageSummary(RateProfile.Steady, 10, 10, 10)], 8, 10, 0, operations, [], [], [], 0, 0);
}
