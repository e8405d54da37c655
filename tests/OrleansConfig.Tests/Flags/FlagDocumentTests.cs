using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags;

/// <summary>
/// Stored flag documents: flagd's members plus description, owner, tags, type, lifetime and lifecycle,
/// each checked with its path, and flagd files split into one self-contained document per flag.
/// </summary>
public sealed class FlagDocumentTests
{
    [Fact]
    public void Read_TakesExtraMembers()
    {
        var document = FlagDocument.Read("f", """
            {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "on",
             "owner": "web", "tags": ["ui", "UI", "beta"], "type": "operational"}
            """).Definition!;

        Assert.Equal(("web", "operational", "active"), (document.Owner, document.Type, document.Lifecycle));
        Assert.Equal(["ui", "beta"], document.Tags);
        Assert.Equal(TimeSpan.FromDays(7), document.ExpectedLifetime);
        Assert.Null(FlagDocument.Read("k", """
            {"state": "ENABLED", "variants": {"on": true}, "type": "kill-switch"}
            """).Definition!.ExpectedLifetime);
    }

    [Theory]
    [InlineData("\"type\": \"temporary\"", "$['type']")]
    [InlineData("\"tags\": \"ui\"", "$['tags']")]
    [InlineData("\"tags\": [\"\"]", "$['tags'][0]")]
    [InlineData("\"expectedLifetimeDays\": 0", "$['expectedLifetimeDays']")]
    [InlineData("\"lifecycle\": \"potentially-stale\"", "$['lifecycle']")]
    [InlineData("\"owner\": 7", "$['owner']")]
    public void Read_NamesThePathOfABadExtraMember(string member, string path)
    {
        var result = FlagDocument.Read("f", $$"""{"state": "ENABLED", "variants": {"on": true}, {{member}}}""");

        Assert.Null(result.Definition);
        Assert.Contains(result.Problems, p => p.Severity == FlagProblemSeverity.Error && p.Path == path);
    }

    [Fact]
    public void Read_WarnsOfAnUnknownMemberAndKeepsIt()
    {
        var result = FlagDocument.Read("f", """{"state": "ENABLED", "variants": {"on": true}, "colour": "red"}""");

        Assert.NotNull(result.Definition);
        Assert.Contains(result.Problems, p => p.Severity == FlagProblemSeverity.Warning && p.Path == "$['colour']");
        Assert.Contains("\"colour\": \"red\"", result.Definition!.Write(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromFlagSet_ResolvesReferencesAndMergesMetadata()
    {
        var set = FlagdReader.ReadFlagSet("""
            {"flags": {"f": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                             "targeting": {"if": [{"$ref": "staff"}, "on"]}, "metadata": {"team": "web"}}},
             "$evaluators": {"staff": {"ends_with": [{"var": "email"}, "@example.com"]}},
             "metadata": {"team": "platform", "version": "3"}}
            """).Definition!;

        var document = FlagDocument.FromFlagSet(set, "f").Definition!;
        var written = document.Write();

        Assert.DoesNotContain("$ref", written, StringComparison.Ordinal);
        Assert.Contains("ends_with", written, StringComparison.Ordinal);
        Assert.Equal("web", document.Flag.Metadata["team"].GetString());
        Assert.Equal("3", document.Flag.Metadata["version"].GetString());
    }

    [Fact]
    public void WriteThenRead_RoundTripsDocument()
    {
        var original = FlagDocument.Read("f", """
            {"state": "DISABLED", "variants": {"a": 1, "b": 2}, "defaultVariant": "a", "description": "Size",
             "tags": ["t"], "expectedLifetimeDays": 12, "lifecycle": "stale"}
            """).Definition!;

        var written = original.Write();
        var reread = FlagDocument.Read("f", written).Definition!;
        var flagd = FlagdWriter.WriteFlag(reread.ToFlagd());

        Assert.Equal(written, reread.Write());
        Assert.Equal((12, "stale"), (reread.ExpectedLifetimeDays, reread.Lifecycle));
        Assert.DoesNotContain("lifecycle", flagd, StringComparison.Ordinal);
        Assert.DoesNotContain("description", flagd, StringComparison.Ordinal);
        Assert.NotNull(FlagdReader.ReadFlag("f", flagd).Definition);
    }
}
