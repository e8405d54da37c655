using OrleansConfig.Flags;
using OrleansConfig.Tests.Formats;

namespace OrleansConfig.Tests.Flags;

/// <summary>Reads, checks and exports real flagd files kept beside the repository.</summary>
public sealed class RealFlagFileTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "flagd/flagd-cheat-sheet-flags.json", 0 },
        { "flagd/flagd-example-flags.flagd.json", 0 },
        { "flagd/otel-demo.flagd.json", 0 },
        // Two flags break the flagd schema on purpose, with ends_with of the number 3 and the
        // version "2.0.0.0". Both rule branches return "fail", which is not a variant.
        { "flagd/flagd-schemas-full.json", 2 },
    };

    [RealFixturesTheory]
    [MemberData(nameof(Files))]
    public void RealFile_ReadsWithExpectedWarnings(string path, int warnings)
    {
        var result = FlagdReader.ReadFlagSet(File.ReadAllText(Path.Combine(RealFixtures.Folder!, path)));

        Assert.NotNull(result.Definition);
        Assert.Equal(warnings, result.Problems.Count(p => p.Severity == FlagProblemSeverity.Warning));
        Assert.DoesNotContain(result.Problems, p => p.Severity == FlagProblemSeverity.Error);
    }

    [RealFixturesTheory]
    [MemberData(nameof(Files))]
    public void RealFile_RoundTripsThroughExport(string path, int warnings)
    {
        _ = warnings;
        var text = File.ReadAllText(Path.Combine(RealFixtures.Folder!, path));

        var exported = FlagdWriter.WriteFlagSet(FlagdReader.ReadFlagSet(text).Definition!);

        Assert.True(JsonValues.AreEqual(FlagdReaderTests.Parse(text), FlagdReaderTests.Parse(exported)), exported);
    }
}
