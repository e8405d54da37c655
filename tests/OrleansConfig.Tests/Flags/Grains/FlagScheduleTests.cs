using System.Text.Json.Nodes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Flags.Grains;

/// <summary>
/// Scheduled flag changes fire from reminders stored in PostgreSQL: they apply once at their time, survive
/// a restart of the whole cluster, and a cancelled or moved change never applies at its old time.
/// </summary>
public sealed class FlagScheduleTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task DueChange_AppliesOnceAsANewVersion()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var flag = await NewFlagAsync(cluster.Client, "launch");

        var scheduled = await flag.Schedule(Request(FlagScheduledAction.Enable));
        var schedule = await WaitForAsync(flag, scheduled.Schedule!.Id, FlagScheduleStatus.Applied);

        var current = await flag.Get(null);
        Assert.Equal(2, current.LatestVersion);
        Assert.Equal(2, schedule.AppliedVersion);
        Assert.Equal("schedule.apply", current.Current!.Action);
        Assert.Equal(FlagState.Enabled, Document(current).Flag.State);
        Assert.Equal("bob", current.Current.Author);
    }

    [Fact]
    public async Task PendingChange_FiresAfterTheClusterRestarts()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        string id;
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            var flag = await NewFlagAsync(first.Client, "restart", ns);
            id = (await flag.Schedule(Request(FlagScheduledAction.Enable, lead: TimeSpan.FromSeconds(8)))).Schedule!.Id;
        }

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var reloaded = second.Client.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", "restart"));
        var schedule = await WaitForAsync(reloaded, id, FlagScheduleStatus.Applied, TimeSpan.FromSeconds(90));

        Assert.Equal(2, schedule.AppliedVersion);
    }

    [Fact]
    public async Task CancelledAndMovedChanges_DoNotFireAtTheOldTime()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var flag = await NewFlagAsync(cluster.Client, "moved");

        var cancelled = (await flag.Schedule(Request(FlagScheduledAction.Enable))).Schedule!;
        var moved = (await flag.Schedule(Request(FlagScheduledAction.SetDefaultVariant, variant: "on"))).Schedule!;
        await flag.CancelSchedule(cancelled.Id, "carol");
        var rescheduled = await flag.Schedule(Request(FlagScheduledAction.SetDefaultVariant, variant: "on",
            lead: TimeSpan.FromHours(1)) with { Id = moved.Id });
        var marker = (await flag.Schedule(Request(FlagScheduledAction.Disable, lead: Lead * 2))).Schedule!;

        // The marker is due after both old times; once it applied, they have passed.
        await WaitForAsync(flag, marker.Id, FlagScheduleStatus.Applied);
        var schedules = (await flag.GetSchedules()).ToDictionary(s => s.Id);

        Assert.Equal(ConfigStatus.Updated, rescheduled.Status);
        Assert.Equal(FlagScheduleStatus.Cancelled, schedules[cancelled.Id].Status);
        Assert.Equal(FlagScheduleStatus.Pending, schedules[moved.Id].Status);
        // The marker disables a disabled flag, which changes nothing: version 1 shows that neither the
        // cancelled enable nor the moved default-variant change applied.
        var current = await flag.Get(null);
        Assert.Equal(1, current.LatestVersion);
        Assert.Equal("off", Document(current).Flag.DefaultVariant);
        Assert.Equal(FlagState.Disabled, Document(current).Flag.State);
    }

    [Fact]
    public async Task ChangeThatNoLongerFits_FailsAndChangesNothing()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var flag = await NewFlagAsync(cluster.Client, "shrinking");
        var id = (await flag.Schedule(Request(FlagScheduledAction.SetDefaultVariant, variant: "on"))).Schedule!.Id;
        await flag.Put(FlagGrainTests.Write("shrinking",
            """{"state": "DISABLED", "variants": {"off": false}, "defaultVariant": "off"}"""));

        var schedule = await WaitForAsync(flag, id, FlagScheduleStatus.Failed);

        Assert.Contains("'on'", schedule.Failure, StringComparison.Ordinal);
        Assert.Equal(2, (await flag.Get(null)).LatestVersion);
    }

    [Fact]
    public async Task RolloutWeights_ChangeTheOneFractionalRule()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(cluster.Client, ns, "prod");
        var flag = cluster.Client.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", "split"));
        await flag.Put(FlagGrainTests.Write("split", FlagGrainTests.Rollout));

        var refused = await flag.Schedule(Request(FlagScheduledAction.SetRolloutWeights,
            weights: new Dictionary<string, int> { ["a"] = 50, ["b"] = 50 }));
        var id = (await flag.Schedule(Request(FlagScheduledAction.SetRolloutWeights,
            weights: new Dictionary<string, int> { ["a"] = 0, ["b"] = 50, ["c"] = 50 }))).Schedule!.Id;
        await WaitForAsync(flag, id, FlagScheduleStatus.Applied);

        Assert.Equal(ConfigStatus.InvalidValue, refused.Status);
        Assert.Contains("'c'", refused.Detail, StringComparison.Ordinal);
        var targeting = JsonNode.Parse(Document(await flag.Get(null)).Flag.Targeting!.Value.GetRawText());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"fractional":[["a",0],["b",50],["c",50]]}"""), targeting),
            targeting!.ToJsonString());
    }

    [Theory]
    [InlineData(-5, "not in the future")]
    [InlineData(3600 * 24 * 365 * 6, "five years")]
    public async Task Request_OutsideTheWindow_IsRefused(int seconds, string expected)
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var flag = await NewFlagAsync(cluster.Client, "window");

        var result = await flag.Schedule(Request(FlagScheduledAction.Enable, lead: TimeSpan.FromSeconds(seconds)));

        Assert.Equal(ConfigStatus.InvalidValue, result.Status);
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
        Assert.Empty(await flag.GetSchedules());
    }

    private static FlagScheduleRequest Request(FlagScheduledAction action, string? variant = null,
        IReadOnlyDictionary<string, int>? weights = null, TimeSpan? lead = null) =>
        new(null, DateTimeOffset.UtcNow + (lead ?? Lead), action, variant, weights, "bob", null);

    private static async Task<IFlagGrain> NewFlagAsync(IGrainFactory grains, string key, string? ns = null)
    {
        ns ??= TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(grains, ns, "prod");
        var flag = grains.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", key));
        var created = await flag.Put(FlagGrainTests.Write(key,
            """{"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}"""));
        Assert.Equal(ConfigStatus.Created, created.Status);

        return flag;
    }

    private static FlagDocument Document(ConfigResult result) =>
        FlagDocument.Read(result.Key!, result.Current!.Value!).Definition!;

    private static async Task<FlagSchedule> WaitForAsync(IFlagGrain flag, string id, FlagScheduleStatus status,
        TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var schedule = (await flag.GetSchedules()).Single(s => s.Id == id);
            if (schedule.Status == status)
            {
                return schedule;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Scheduled change {id} is {schedule.Status} ({schedule.Failure}), not {status}, after the wait.");
            await Task.Delay(250);
        }
    }
}
