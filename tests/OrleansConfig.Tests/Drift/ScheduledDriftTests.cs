using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansConfig.Api.Drift;
using OrleansConfig.Api.Formats;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Drift.DriftGrains;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// Scheduled drift checks on a fake product clock: a manual edit is found by the check that falls due one
/// interval after registration, reported once as a drift event, and reported as resolved once undone.
/// </summary>
public sealed class ScheduledDriftTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>How long a test waits for a poll of the grain to notice that the fake clock moved.</summary>
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ScheduledCheck_FindsManualEditWithinOnePeriod()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await StartAsync(clock);
        var grains = cluster.Client;
        var ns = await NewNamespaceAsync(grains, "prod");
        await PutAsync(grains, ns, "prod", "Mode", "\"green\"");
        var drift = grains.GetGrain<IEnvironmentDriftGrain>(GrainKeys.Environment(ns, "prod"));

        var registered = await drift.Register(Registration("configuration:\n  Mode: green\n", clock));
        await PutAsync(grains, ns, "prod", "Mode", "\"red\"");
        var beforeDue = await drift.GetLatest();
        clock.Advance(Interval);
        var found = await WaitForAsync(drift, r => r.Trigger == "schedule", "the scheduled check");

        Assert.Empty(registered!.Drift);
        Assert.Equal("register", beforeDue!.Trigger);
        var item = Assert.Single(found.Drift);
        Assert.Equal(("Mode", PlanActions.Update), (item.Key, item.Action));
        Assert.Equal(("\"red\"", "\"green\""), (item.OldValue, item.NewValue));
        var driftEvent = await LastEventAsync(grains, ns);
        Assert.Equal(found.EventRevision, driftEvent.Revision);
        Assert.Equal((ChangeKind.Drift, "detected"), (driftEvent.Kind, driftEvent.Action));
        Assert.Contains("\"Mode\"", driftEvent.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnchangedDrift_ReportedOnceThenResolved()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await StartAsync(clock);
        var grains = cluster.Client;
        var ns = await NewNamespaceAsync(grains, "prod");
        await PutAsync(grains, ns, "prod", "Mode", "\"red\"");
        var drift = grains.GetGrain<IEnvironmentDriftGrain>(GrainKeys.Environment(ns, "prod"));
        var registered = await drift.Register(Registration("configuration:\n  Mode: green\n", clock));

        clock.Advance(Interval);
        var repeated = await WaitForAsync(drift, r => r.CheckedAt > registered!.CheckedAt, "the second check");
        await PutAsync(grains, ns, "prod", "Mode", "\"green\"");
        clock.Advance(Interval);
        var resolved = await WaitForAsync(drift, r => r.CheckedAt > repeated.CheckedAt, "the third check");
        var events = (await Environment(grains, ns, "prod").GetChanges(0, 100)).Events
            .Where(e => e.Kind == ChangeKind.Drift).ToArray();

        Assert.NotNull(registered!.EventRevision);
        Assert.Null(repeated.EventRevision);
        Assert.Empty(resolved.Drift);
        Assert.Equal(["detected", "resolved"], events.Select(e => e.Action!));
    }

    private static Task<Orleans.TestingHost.InProcessTestCluster> StartAsync(TimeProvider clock) =>
        GrainClusterFixture.StartAsync(TestServices.NewServiceId(), time: clock, configure: services =>
            services.Configure<DriftCheckOptions>(options =>
            {
                options.Interval = Interval;
                options.PollInterval = TimeSpan.FromMilliseconds(50);
            }));

    private static DesiredStateRegistration Registration(string yaml, TimeProvider clock)
    {
        var (state, problem) = DesiredStateReader.Read(System.Text.Encoding.UTF8.GetBytes(yaml),
            ConfigFileFormat.Yaml, new HashSet<string>());
        Assert.Null(problem);

        return new DesiredStateRegistration(yaml, "yaml", state!, "tests", clock.GetUtcNow());
    }

    private static async Task<DriftReport> WaitForAsync(IEnvironmentDriftGrain drift, Func<DriftReport, bool> done,
        string what)
    {
        DriftReport? latest = null;
        await ClusterHttp.WaitForAsync(async () =>
        {
            latest = await drift.GetLatest();

            return latest is not null && done(latest);
        }, PollWait, what);

        return latest!;
    }

    private static async Task<ChangeEvent> LastEventAsync(IGrainFactory grains, string ns) =>
        (await Environment(grains, ns, "prod").GetChanges(0, 100)).Events[^1];
}
