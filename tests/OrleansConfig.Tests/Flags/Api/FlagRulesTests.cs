using OrleansConfig.Api.Flags;
using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>The api's rules for flags that need no cluster: lifecycle by age, write policy and comparison.</summary>
public sealed class FlagRulesTests
{
    private static readonly DateTimeOffset Created = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("release", null, 40, "active")]
    [InlineData("release", null, 41, "potentially-stale")]
    [InlineData("operational", null, 8, "potentially-stale")]
    [InlineData("kill-switch", null, 5000, "active")]
    [InlineData("permission", 10, 11, "potentially-stale")]
    [InlineData("experiment", 90, 60, "active")]
    public void ActiveFlag_BecomesPotentiallyStaleWithAge(string type, int? lifetimeDays, int ageDays, string expected)
    {
        var flag = Stored(type, lifetimeDays, FlagLifecycles.Active);

        Assert.Equal(expected, FlagLifecycleView.Of(flag, Created, Created.AddDays(ageDays)));
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("archived")]
    public void SetLifecycle_IsShownWhateverTheAge(string lifecycle)
    {
        var flag = Stored("release", null, lifecycle);

        Assert.Equal(lifecycle, FlagLifecycleView.Of(flag, Created, Created.AddDays(400)));
    }

    [Fact]
    public void CreationTime_IsNeededOnlyWhenItDecides()
    {
        var release = Stored("release", null, FlagLifecycles.Active);
        var permanent = Stored("kill-switch", null, FlagLifecycles.Active);
        var now = Created.AddDays(100);

        Assert.True(FlagLifecycleView.NeedsCreationTime(release, 3, now.AddDays(-5), now));
        Assert.False(FlagLifecycleView.NeedsCreationTime(release, 1, now.AddDays(-5), now));
        Assert.False(FlagLifecycleView.NeedsCreationTime(release, 3, now.AddDays(-50), now));
        Assert.False(FlagLifecycleView.NeedsCreationTime(permanent, 3, now.AddDays(-5), now));
    }

    [Fact]
    public void StoredFlag_ReadsListingMembers()
    {
        var flag = StoredFlag.Parse("""
            {"state": "DISABLED", "variants": {"on": true}, "type": "operational", "expectedLifetimeDays": 3,
             "lifecycle": "stale", "owner": "ops", "tags": ["a", "b"]}
            """);

        Assert.Equal(new StoredFlag(false, "operational", 3, "stale", "ops", flag.Tags), flag);
        Assert.Equal(["a", "b"], flag.Tags);
        Assert.Equal(TimeSpan.FromDays(3), flag.ExpectedLifetime);
    }

    [Fact]
    public void WritePolicy_RaisesTargetingWarningsOnly()
    {
        FlagDefinitionProblem[] problems =
        [
            new("$['variants']['b']", "mixed types", FlagProblemSeverity.Warning),
            new("$['targeting']['if'][2]", "no such variant", FlagProblemSeverity.Warning),
            new("$['targetingRule']", "unknown member", FlagProblemSeverity.Warning),
            new("$['flags']['a']['targeting']", "cannot compile", FlagProblemSeverity.Warning),
            new("$['$evaluators']['x']['in']", "cannot compile", FlagProblemSeverity.Warning),
        ];

        var applied = FlagWritePolicy.Apply(problems, ["$", "$['flags']['a']"]);

        Assert.Equal(
            [
                ("$['targeting']['if'][2]", FlagProblemSeverity.Error),
                ("$['flags']['a']['targeting']", FlagProblemSeverity.Error),
                ("$['$evaluators']['x']['in']", FlagProblemSeverity.Error),
                ("$['variants']['b']", FlagProblemSeverity.Warning),
                ("$['targetingRule']", FlagProblemSeverity.Warning),
            ],
            applied.Select(p => (p.Path, p.Severity)));
    }

    [Theory]
    [InlineData("""{"state": "ENABLED", "variants": {"a": 1}, "lifecycle": "archived"}""", true)]
    [InlineData("""{"variants": {"a": 1}, "state": "ENABLED"}""", true)]
    [InlineData("""{"state": "ENABLED", "variants": {"a": 2}}""", false)]
    [InlineData("""{"state": "ENABLED", "variants": {"a": 1}, "owner": "x"}""", false)]
    public void SameDefinition_IgnoresOrderAndLifecycle(string imported, bool same)
    {
        const string Stored = """{"state": "ENABLED", "variants": {"a": 1}, "lifecycle": "active"}""";

        Assert.Equal(same, FlagImportPlan.SameDefinition(Stored, imported));
    }

    private static StoredFlag Stored(string type, int? lifetimeDays, string lifecycle) =>
        new(true, type, lifetimeDays, lifecycle, null, []);
}
