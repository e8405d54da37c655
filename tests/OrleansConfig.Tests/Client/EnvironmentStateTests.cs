using OrleansConfig.Client.Feed;
using OrleansConfig.Client.State;

namespace OrleansConfig.Tests.Client;

/// <summary>Applied keys of an environment: prefixes, changes, deletions and overlapping keys.</summary>
public sealed class EnvironmentStateTests
{
    [Fact]
    public void State_PrefixSelectsKeysIgnoringCase()
    {
        var state = new EnvironmentState(new KeyFilter("shop:", stripPrefix: false));

        state.Replace(Snapshot(3, ("Shop:Db", "\"a\""), ("Other:Db", "\"b\""), ("Shopping", "1")));
        var data = BuildData(state);

        Assert.Equal(["Shop:Db"], data.Keys);
    }

    [Fact]
    public void State_StripRemovesPrefixAndColon()
    {
        var state = new EnvironmentState(new KeyFilter("Shop", stripPrefix: true));

        state.Replace(Snapshot(1, ("Shop:Db:Host", "\"db\""), ("Shop", "{\"Name\": \"s\"}")));
        var data = BuildData(state);

        Assert.Equal("db", data["Db:Host"]);
        Assert.Equal("s", data["Name"]);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void State_ChangeReplacesValueAndRevision()
    {
        var state = new EnvironmentState(new KeyFilter(null, false));
        state.Replace(Snapshot(4, ("Features:MaxItems", "10")));

        var applied = state.Apply(new FeedChange(5, "config", "Features:MaxItems", 2, "50", false));

        Assert.True(applied);
        Assert.Equal(5, state.Revision);
        Assert.Equal("50", BuildData(state)["Features:MaxItems"]);
    }

    [Fact]
    public void State_DeletionRemovesFlattenedChildren()
    {
        var state = new EnvironmentState(new KeyFilter(null, false));
        state.Replace(Snapshot(1, ("Db", "{\"Host\": \"db\", \"Ports\": [1, 2]}"), ("Keep", "1")));

        state.Apply(new FeedChange(2, "config", "db", 2, null, true));
        var data = BuildData(state);

        Assert.Equal(["Keep"], data.Keys);
    }

    [Fact]
    public void State_OtherKindsMoveOnlyRevision()
    {
        var state = new EnvironmentState(new KeyFilter(null, false));
        state.Replace(Snapshot(1, ("A", "1")));

        var applied = state.Apply(new FeedChange(2, "flag", "A", 1, "true", false));

        Assert.False(applied);
        Assert.Equal(2, state.Revision);
        Assert.Equal("1", BuildData(state)["A"]);
    }

    [Fact]
    public void State_OwnKeyWinsOverObjectChild()
    {
        var state = new EnvironmentState(new KeyFilter(null, false));

        state.Replace(Snapshot(2, ("Db:Host", "\"own\""), ("Db", "{\"Host\": \"nested\", \"Port\": 1}")));
        var data = BuildData(state);

        Assert.Equal("own", data["Db:Host"]);
        Assert.Equal("1", data["Db:Port"]);
    }

    [Fact]
    public void State_InvalidValueIsReportedAndLeftOut()
    {
        var state = new EnvironmentState(new KeyFilter(null, false));
        state.Replace(Snapshot(1, ("Bad", "{not json"), ("Good", "1")));
        var invalid = new List<string>();

        var data = state.BuildData((key, _) => invalid.Add(key));

        Assert.Equal(["Bad"], invalid);
        Assert.Equal(["Good"], data.Keys);
    }

    private static Dictionary<string, string?> BuildData(EnvironmentState state) =>
        state.BuildData((key, exception) => Assert.Fail($"{key} was reported invalid: {exception.Message}"));

    private static ConfigSnapshot Snapshot(long revision, params (string Key, string Value)[] entries) =>
        new(revision, [.. entries.Select(e => new ConfigSnapshotEntry(e.Key, e.Value, 1))]);
}
