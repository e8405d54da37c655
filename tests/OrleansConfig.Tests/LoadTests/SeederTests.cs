using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Seeding;

namespace OrleansConfig.Tests.LoadTests;

public sealed class SeederTests : IDisposable
{
    private static readonly DatasetLayout Layout = new(new SeedVolume(2, 1200, 60, 30, 5000), "load");

    private readonly string _state = Path.Combine(Path.GetTempPath(), $"seed-state-{Guid.NewGuid():N}.json");

    [Fact]
    public void PlanReachesTheAuditVolume()
    {
        var plan = SeedPlan.Create(Layout);

        Assert.Equal(SeedStepKind.Scopes, plan[0].Kind);
        Assert.Equal(1200, plan.Where(s => s.Kind == SeedStepKind.Keys).Sum(s => s.Count));
        Assert.Equal(60, plan.Where(s => s.Kind == SeedStepKind.Flags).Sum(s => s.Count));
        Assert.Equal(30, plan.Where(s => s.Kind == SeedStepKind.Secrets).Sum(s => s.Count));
        Assert.Equal(5000 - 1200 - 60 - 30, plan.Where(s => s.Kind == SeedStepKind.AuditPass).Sum(s => s.Count));
        Assert.Equal(plan.Count, plan.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void LayoutSpreadsItemsOverEnvironments()
    {
        Assert.Equal(6, Layout.Environments.Count);
        Assert.Equal(1200, Enumerable.Range(0, 6).Sum(Layout.KeyCount));
        Assert.Equal("load-01", Layout.Environments[3].Namespace);
        Assert.Equal("dev", Layout.Environments[3].Environment);
    }

    [Fact]
    public async Task InterruptedSeedingResumesWhereItStopped()
    {
        var target = new FakeSeedTarget { FailAfter = 5 };
        await Assert.ThrowsAsync<SeedException>(() => RunAsync(target));
        target.FailAfter = null;

        var summary = await RunAsync(target);

        var plan = SeedPlan.Create(Layout);
        Assert.Equal(5, summary.StepsAlreadyDone);
        Assert.Equal(plan.Count - 5, summary.StepsRun);
        Assert.Equal(plan.Count, target.Runs.Count);
        Assert.Equal(plan.Count, target.Runs.Distinct().Count());
        Assert.Equal(5000, summary.Changes);
    }

    [Fact]
    public async Task CompletedSeedingRunsNothing()
    {
        var target = new FakeSeedTarget();
        await RunAsync(target);
        var before = target.Runs.Count;

        var summary = await RunAsync(target);

        Assert.Equal(0, summary.StepsRun);
        Assert.Equal(before, target.Runs.Count);
        Assert.Equal("resuming from the saved seed state", summary.Note);
    }

    [Fact]
    public async Task NewDatabaseMakesTheStateStale()
    {
        var target = new FakeSeedTarget();
        await RunAsync(target);
        var fresh = new FakeSeedTarget();

        var summary = await RunAsync(fresh);

        Assert.Equal(SeedPlan.Create(Layout).Count, summary.StepsRun);
        Assert.Contains("seed marker", summary.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFeatureStepsStayOpen()
    {
        var target = new FakeSeedTarget { Unsupported = [SeedStepKind.Flags, SeedStepKind.Secrets] };
        var first = await RunAsync(target);
        target.Unsupported = [];

        var second = await RunAsync(target);

        Assert.Equal([SeedStepKind.Flags, SeedStepKind.Secrets], first.Unavailable);
        Assert.Empty(second.Unavailable);
        Assert.Equal(SeedPlan.Create(Layout).Count(s => s.Kind is SeedStepKind.Flags or SeedStepKind.Secrets),
            second.StepsRun);
    }

    public void Dispose() => File.Delete(_state);

    private Task<SeedSummary> RunAsync(FakeSeedTarget target) =>
        new Seeder(target, TextWriter.Null).RunAsync(Layout, "http://127.0.0.1:1/", _state, CancellationToken.None);

    /// <summary>Records the steps it runs; each step changes as many items as it covers.</summary>
    private sealed class FakeSeedTarget : ISeedTarget
    {
        private string? _marker;

        public int? FailAfter { get; set; }

        public IReadOnlyCollection<SeedStepKind> Unsupported { get; set; } = [];

        public List<string> Runs { get; } = [];

        public Task<bool> SupportsAsync(SeedStepKind kind, CancellationToken cancellationToken) =>
            Task.FromResult(!Unsupported.Contains(kind));

        public Task<string?> ReadMarkerAsync(CancellationToken cancellationToken) => Task.FromResult(_marker);

        public Task WriteMarkerAsync(string marker, CancellationToken cancellationToken)
        {
            _marker = marker;

            return Task.CompletedTask;
        }

        public Task<int> RunAsync(SeedStep step, CancellationToken cancellationToken)
        {
            if (Runs.Count == FailAfter)
            {
                throw new SeedException("the api returned 503");
            }

            Runs.Add(step.Id);

            return Task.FromResult(step.Kind == SeedStepKind.Scopes ? 0 : step.Count);
        }
    }
}
