using OrleansConfig.Api.Flags.Evaluation;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags.Evaluation;

/// <summary>
/// The api's compiled flags of one environment: loading stored documents, applying change events one
/// flag at a time, archived and broken flags, and reading deliveries for gaps and resyncs.
/// </summary>
public sealed class EnvironmentFlagsTests
{
    private static readonly FlagEvaluationOptions Options = new();

    private const string On =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""";

    [Fact]
    public void Load_CompilesEveryStoredFlag()
    {
        var flags = Load(5, ("a", 1, On), ("b", 2, On));

        Assert.True(flags.Exists);
        Assert.Equal(5, flags.Revision);
        Assert.Equal(2, flags.Count);
        Assert.Equal("on", flags.Evaluate("a", EvaluationContext.Empty).Variant);
    }

    [Fact]
    public void Load_MissingEnvironment_IsNotFound()
    {
        var flags = EnvironmentFlags.Load(new EnvironmentItems(-1, null), null, Options);

        Assert.False(flags.Exists);
        Assert.Equal(FlagErrorCode.FlagNotFound, flags.Evaluate("a", EvaluationContext.Empty).ErrorCode);
    }

    [Fact]
    public void Load_ReusesUnchangedVersions()
    {
        var before = Load(5, ("a", 1, On), ("b", 2, On));
        var after = Reload(before, 9, ("a", 1, On), ("b", 3, Default("off")));

        Assert.NotNull(Stored(after, "a"));
        Assert.Same(Stored(before, "a"), Stored(after, "a"));
        Assert.NotSame(Stored(before, "b"), Stored(after, "b"));
        Assert.Equal("off", after.Evaluate("b", EvaluationContext.Empty).Variant);
        Assert.Equal(9, after.Revision);
    }

    [Fact]
    public void Apply_RecompilesOnlyTheChangedFlag()
    {
        var before = Load(5, ("a", 1, On), ("b", 1, On));

        var after = before.Apply([Change(6, "b", 2, Default("off"))], Options);

        Assert.Same(Stored(before, "a"), Stored(after, "a"));
        Assert.Equal("off", after.Evaluate("b", EvaluationContext.Empty).Variant);
        Assert.Equal("on", before.Evaluate("b", EvaluationContext.Empty).Variant);
        Assert.Equal(6, after.Revision);
    }

    [Fact]
    public void Apply_DeletionRemovesFlag()
    {
        var flags = Load(5, ("a", 1, On)).Apply([Change(6, "a", 2, null)], Options);

        Assert.Equal(FlagErrorCode.FlagNotFound, flags.Evaluate("a", EvaluationContext.Empty).ErrorCode);
        Assert.Equal(0, flags.Count);
    }

    [Fact]
    public void ArchivedFlag_EvaluatesAsNotFound()
    {
        var archived = On[..^1] + """, "lifecycle": "archived"}""";

        var flags = Load(5, ("a", 1, On)).Apply([Change(6, "a", 2, archived)], Options);

        Assert.Equal(FlagErrorCode.FlagNotFound, flags.Evaluate("a", EvaluationContext.Empty).ErrorCode);
        Assert.Empty(flags.EvaluateAll(EvaluationContext.Empty));
    }

    [Fact]
    public void UnreadableDocument_EvaluatesAsParseError()
    {
        var flags = Load(5, ("a", 1, """{"state": "ENABLED", "variants": 3}"""));

        var result = flags.Evaluate("a", EvaluationContext.Empty);

        Assert.Equal(FlagErrorCode.ParseError, result.ErrorCode);
        Assert.Contains("'a'", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FlagKeyCase_ChangeReplacesSameFlag()
    {
        var flags = Load(5, ("NewBanner", 1, On)).Apply([Change(6, "NewBanner", 2, Default("off"))], Options);

        Assert.Equal(1, flags.Count);
        Assert.Equal("off", flags.Evaluate("NewBanner", EvaluationContext.Empty).Variant);
        Assert.Equal(FlagErrorCode.FlagNotFound, flags.Evaluate("newbanner", EvaluationContext.Empty).ErrorCode);
    }

    [Fact]
    public void TimestampRule_IsReported()
    {
        var timed = """
            {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
             "targeting": {"if": [{">": [{"var": "$flagd.timestamp"}, 0]}, "on", null]}}
            """;

        Assert.False(Load(5, ("a", 1, On)).MayReadTimestamp);
        Assert.True(Load(5, ("a", 1, On), ("t", 1, timed)).MayReadTimestamp);
    }

    [Fact]
    public void SplitBucket_IgnoresUnrelatedFlagChanges()
    {
        var split = """
            {"state": "ENABLED", "variants": {"s": "s", "m": "m", "l": "l"}, "defaultVariant": "s",
             "targeting": {"fractional": [["s", 10], ["m", 20], ["l", 70]]}}
            """;
        var before = Load(5, ("rollout", 1, split), ("other", 1, On));
        var after = before.Apply(
        [
            Change(6, "other", 2, Default("off")), Change(7, "added", 1, split), Change(8, "other", 3, null),
        ], Options);

        for (var i = 0; i < 10_000; i++)
        {
            var context = EvaluationContext.Create($"user-{i}");
            Assert.Equal(before.Evaluate("rollout", context).Variant, after.Evaluate("rollout", context).Variant);
        }
    }

    [Fact]
    public void ReadDelivery_CollectsFlagChanges()
    {
        var delivery = new ChangeDelivery([Change(4, "old", 1, On), Config(5), Change(6, "a", 1, On)], false, 6);

        var read = EnvironmentFlagFeed.ReadDelivery(delivery, 4);

        Assert.Null(read.ReloadReason);
        Assert.Equal(6, read.Seen);
        Assert.Equal(["a"], read.FlagChanges.Select(change => change.Key));
    }

    [Fact]
    public void ReadDelivery_GapRequestsReload()
    {
        var read = EnvironmentFlagFeed.ReadDelivery(new ChangeDelivery([Change(7, "a", 1, On)], false, 7), 5);

        Assert.Contains("revision 7 arrived after 5", read.ReloadReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDelivery_ResyncRequestsReload()
    {
        var read = EnvironmentFlagFeed.ReadDelivery(new ChangeDelivery([], true, 90), 5);

        Assert.NotNull(read.ReloadReason);
        Assert.Equal(5, read.Seen);
    }

    private static string Default(string variant) =>
        $$"""{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "{{variant}}"}""";

    private static EnvironmentFlags Load(long revision, params (string Key, int Version, string Document)[] flags) =>
        Reload(null, revision, flags);

    private static EnvironmentFlags Reload(EnvironmentFlags? previous, long revision,
        params (string Key, int Version, string Document)[] flags)
    {
        var entries = flags
            .Select(flag => new SnapshotEntry(flag.Key, flag.Document, flag.Version, DateTimeOffset.UnixEpoch, "t"))
            .ToArray();

        return EnvironmentFlags.Load(new EnvironmentItems(revision, entries), previous, Options);
    }

    private static CachedFlag? Stored(EnvironmentFlags flags, string key) => flags.StoredFlag(key);

    private static ChangeEvent Change(long revision, string key, int version, string? document) =>
        new(revision, ChangeKind.Flag, key, version, document, document is null, "t", DateTimeOffset.UnixEpoch,
            null, null);

    private static ChangeEvent Config(long revision) =>
        new(revision, ChangeKind.Config, "Db:Host", 1, "\"db\"", false, "t", DateTimeOffset.UnixEpoch, null, null);
}
