using System.Text.Json;
using OrleansConfig.LoadTests.Platform;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Options;
using OrleansConfig.LoadTests.Platform.Reporting;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.LoadTests;

/// <summary>
/// Every scenario of the load tool for a few seconds at a few requests per second against a real silo and
/// api, checking that the report it writes adds up. This is a functional check of the tool, not a load
/// test: the numbers are not asserted against any objective.
/// </summary>
public sealed class SmokeRunTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("load-smoke-").FullName;
    private ProcessCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 1);

    [Fact]
    public async Task EveryScenarioWritesAConsistentReport()
    {
        var options = Options();

        var run = await new LoadRun(options, TextWriter.Null).RunAsync("test", "test", CancellationToken.None);

        Assert.Equal(ScenarioNames.All, run.Scenarios.Select(s => s.Name));
        Assert.All(run.Scenarios, scenario => Assert.NotEqual(ScenarioStatus.Failed, scenario.Status));
        Assert.Contains(run.Scenarios, s => s.Name == ScenarioNames.ChangePropagation
            && s.Status == ScenarioStatus.Completed);
        foreach (var scenario in run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed))
        {
            AssertConsistent(scenario);
        }

        // Every seeded item is one change; flags and secrets are seeded only where the target serves them.
        var unseeded = (run.Seed.Unavailable.Contains("Flags") ? 6 : 0)
            + (run.Seed.Unavailable.Contains("Secrets") ? 3 : 0);
        Assert.Equal(120 - unseeded, run.Seed.Changes);
        AssertFilesWritten();
    }

    [Fact]
    public async Task OrleansDriver_ReadsWritesAndPropagates()
    {
        var options = Options() with
        {
            Driver = DriverKind.Orleans,
            Redis = TestServices.Redis,
            ClusterId = _cluster!.ServiceId,
            ServiceId = _cluster.ServiceId,
            Scenarios = [ScenarioNames.ConfigRead, ScenarioNames.ConfigWrite, ScenarioNames.FlagEvaluation,
                ScenarioNames.ChangePropagation],
        };

        var run = await new LoadRun(options, TextWriter.Null).RunAsync("test", "test", CancellationToken.None);

        var byName = run.Scenarios.ToDictionary(s => s.Name);
        Assert.Equal(ScenarioStatus.Completed, byName[ScenarioNames.ConfigRead].Status);
        Assert.Equal(ScenarioStatus.Completed, byName[ScenarioNames.ConfigWrite].Status);
        Assert.Equal(ScenarioStatus.Completed, byName[ScenarioNames.ChangePropagation].Status);
        Assert.NotEqual(ScenarioStatus.Completed, byName[ScenarioNames.FlagEvaluation].Status);
        foreach (var scenario in run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed))
        {
            AssertConsistent(scenario);
        }
    }

    private LoadOptions Options() =>
        new()
        {
            Profile = ProfileSettings.Smoke,
            Target = _cluster!.ApiAddress,
            AdminKey = _cluster.AdminKey,
            OutputDirectory = _folder,
            SeedStatePath = Path.Combine(_folder, "seed-state.json"),
            Volume = new SeedVolume(1, 40, 6, 3, 120),
            Ramp = TimeSpan.FromSeconds(0.5),
            Steady = TimeSpan.FromSeconds(1.5),
            RampDown = TimeSpan.FromSeconds(0.5),
            Soak = TimeSpan.FromSeconds(2),
            RateScale = 0.03,
            SloPath = Path.Combine(RepositoryPaths.Root, "loadtests", "slo.json"),
        };

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static void AssertConsistent(ScenarioResult scenario)
    {
        var timed = scenario.Operations.Where(o => o.Category != OperationCategory.LongPoll).ToArray();
        Assert.True(scenario.Requests > 0, $"{scenario.Name} sent no request");
        Assert.Equal(timed.Sum(o => o.Requests), scenario.Timeline.Sum(p => (long)p.Completed));
        Assert.Equal(0, scenario.Timeline.Sum(p => p.Errors));
        Assert.Equal(0, scenario.NotSent);
        foreach (var operation in scenario.Operations)
        {
            Assert.True(operation.Errors == 0,
                $"{scenario.Name}/{operation.Name}: {string.Join("; ", operation.ErrorSamples)}");
            Assert.InRange(operation.SteadyRequests, 0, operation.Requests);
            Assert.Equal(operation.Requests, operation.Statuses.Values.Sum());
            AssertOrdered(operation.All, $"{scenario.Name}/{operation.Name}");
            AssertOrdered(operation.Steady, $"{scenario.Name}/{operation.Name} steady");
        }
    }

    private static void AssertOrdered(LatencyStats stats, string label)
    {
        if (stats.Count == 0)
        {
            return;
        }

        double[] values = [stats.P50, stats.P90, stats.P95, stats.P99, stats.Max];
        Assert.True(values.Zip(values.Skip(1)).All(pair => pair.First <= pair.Second),
            $"{label}: percentiles out of order: {string.Join(", ", values)}");
    }

    private void AssertFilesWritten()
    {
        var markdown = File.ReadAllText(Path.Combine(_folder, "report.md"));
        var html = File.ReadAllText(Path.Combine(_folder, "report.html"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "report.json")));

        Assert.Contains("## Service level objectives", markdown, StringComparison.Ordinal);
        Assert.Contains("](config-read-latency.png)", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "config-read-latency.png")));
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        var scenarios = json.RootElement.GetProperty("run").GetProperty("Scenarios");
        Assert.Equal(ScenarioNames.All.Count, scenarios.GetArrayLength());
    }
}
