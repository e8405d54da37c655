using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags;

/// <summary>Reading flagd files: what is rejected, what is warned about, and where.</summary>
public sealed class FlagdReaderTests
{
    [Fact]
    public void ValidFile_HasNoProblems()
    {
        var result = FlagdReader.ReadFlagSet(FlagFiles.Complete);

        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Definition!.Flags.Count);
        Assert.Equal("https://flagd.dev/schema/v0/flags.json", result.Definition.Schema);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[]", "$")]
    [InlineData("""{"flags": []}""", "$['flags']")]
    [InlineData("""{"flags": {"a": {"variants": {"x": 1}}}}""", "$['flags']['a']['state']")]
    [InlineData("""{"flags": {"a": {"state": "ON", "variants": {"x": 1}}}}""", "$['flags']['a']['state']")]
    [InlineData("""{"flags": {"a": {"state": "ENABLED"}}}""", "$['flags']['a']['variants']")]
    [InlineData("""{"flags": {"a": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": "y"}}}""",
        "$['flags']['a']['defaultVariant']")]
    [InlineData("""{"flags": {"it's": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": 3}}}""",
        "$['flags']['it\\'s']['defaultVariant']")]
    public void InvalidFile_IsRejectedAtPath(string json, string path)
    {
        var result = FlagdReader.ReadFlagSet(json);

        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FlagProblemSeverity.Error, problem.Severity);
        Assert.Equal(path, problem.Path);
    }

    [Theory]
    [InlineData("""{"x": 1, "y": "one"}""", "null", "$['flags']['a']['variants']['y']")]
    [InlineData("""{"x": 1}""", """{"if": [true, "x", "z"]}""", "$['flags']['a']['targeting']['if'][2]")]
    [InlineData("""{"x": 1}""", """{"fractional": [["x", -1]]}""", "$['flags']['a']['targeting']['fractional'][0][1]")]
    [InlineData("""{"x": 1}""", """{"fractional": [["x", 2.5]]}""", "$['flags']['a']['targeting']['fractional'][0][1]")]
    [InlineData("""{"x": 1}""", """{"if": [{"$ref": "nothing"}, "x", null]}""",
        "$['flags']['a']['targeting']['if'][0]")]
    [InlineData("""{"x": 1}""", """{"if": [{"regex": 1}, "x", null]}""", "$['flags']['a']['targeting']['if'][0]")]
    [InlineData("""{"true": 1, "false": 2}""", """{"if": [true, true, 7]}""", "$['flags']['a']['targeting']['if'][2]")]
    public void SuspiciousFlag_IsWarnedAtPath(string variants, string targeting, string path)
    {
        var json = "{\"flags\": {\"a\": {\"state\": \"ENABLED\", \"variants\": " + variants
            + ", \"targeting\": " + targeting + "}}}";

        var result = FlagdReader.ReadFlagSet(json);

        Assert.NotNull(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FlagProblemSeverity.Warning, problem.Severity);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void NullAndAbsentDefaultVariant_AreKeptApart()
    {
        var set = FlagdReader.ReadFlagSet(FlagFiles.Complete).Definition!;

        Assert.True(set.Flags["code-default"].HasExplicitNullDefaultVariant);
        Assert.False(set.Flags["banner"].HasExplicitNullDefaultVariant);
        Assert.Null(set.Flags["code-default"].DefaultVariant);
    }

    [Fact]
    public void SingleFlag_ChecksRefAgainstEvaluators()
    {
        var evaluators = FlagdReader.ReadFlagSet(FlagFiles.Complete).Definition!.Evaluators;
        const string flag = """
            {"state": "ENABLED", "variants": {"on": true, "off": false},
             "targeting": {"if": [{"$ref": "isStaff"}, "on", "off"]}}
            """;

        Assert.Empty(FlagdReader.ReadFlag("single", flag, evaluators).Problems);
        Assert.Single(FlagdReader.ReadFlag("single", flag).Problems);
    }

    [Fact]
    public void Export_RoundTripsEveryMember()
    {
        var first = FlagdReader.ReadFlagSet(FlagFiles.Complete).Definition!;

        var exported = FlagdWriter.WriteFlagSet(first);
        var second = FlagdReader.ReadFlagSet(exported);

        Assert.Empty(second.Problems);
        Assert.True(JsonValues.AreEqual(Parse(FlagFiles.Complete), Parse(exported)), exported);
    }

    [Fact]
    public void ExportedFlag_ReadsBack()
    {
        var flag = FlagdReader.ReadFlagSet(FlagFiles.Complete).Definition!.Flags["banner"];

        var result = FlagdReader.ReadFlag("banner", FlagdWriter.WriteFlag(flag));

        Assert.Equal(flag.DefaultVariant, result.Definition!.DefaultVariant);
        Assert.Equal("7", result.Definition.Metadata["version"].GetString());
    }

    internal static System.Text.Json.JsonElement Parse(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        return document.RootElement.Clone();
    }
}
