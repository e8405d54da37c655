using System.Text.Json;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Formats;
using OrleansConfig.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansConfig.Tests.Flags;

/// <summary>
/// Resolves flag sets and contexts with this engine and with @openfeature/flagd-core
/// (tests/flagd-differential/generate.js) and requires the same value, variant, reason and
/// error code for every case.
/// </summary>
public sealed class FlagdDifferentialTests(ITestOutputHelper output)
{
    private static readonly int[] s_seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    private const int SetsPerSeed = 40;
    private const int CasesPerSet = 50;

    private static readonly Lazy<string> s_generatorFolder = new(InstallGenerator);

    [NodeFact]
    public void GeneratedCases_MatchFlagdCore()
    {
        var mismatches = new List<string>();
        var total = 0;

        foreach (var seed in s_seeds)
        {
            var json = ExternalTool.Run(
                "node",
                $"generate.js --seed {seed} --sets {SetsPerSeed} --cases {CasesPerSet}",
                s_generatorFolder.Value,
                TimeSpan.FromMinutes(2));
            using var document = JsonDocument.Parse(json);
            foreach (var set in document.RootElement.GetProperty("sets").EnumerateArray())
            {
                total += CompareSet(set, set.GetProperty("definition").GetRawText(), $"seed {seed}", mismatches);
            }
        }

        output.WriteLine(
            $"{total} cases compared over seeds {string.Join(", ", s_seeds)}; {mismatches.Count} mismatches.");
        foreach (var mismatch in mismatches.Take(40))
        {
            output.WriteLine(mismatch);
        }

        Assert.True(total >= s_seeds.Length * SetsPerSeed * CasesPerSet, $"Only {total} cases were generated.");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {total} cases differ; first: {mismatches.FirstOrDefault()}");
    }

    [NodeFact(NeedsRealFixtures = true)]
    public void RealFlagFiles_MatchFlagdCore()
    {
        var folder = Path.Combine(RealFixtures.Folder!, "flagd");
        var json = ExternalTool.Run("node", $"generate.js --fixtures \"{folder}\"", s_generatorFolder.Value,
            TimeSpan.FromMinutes(2));
        using var document = JsonDocument.Parse(json);
        var mismatches = new List<string>();
        var total = 0;

        foreach (var set in document.RootElement.GetProperty("sets").EnumerateArray())
        {
            var file = set.GetProperty("file").GetString()!;
            total += CompareSet(set, File.ReadAllText(Path.Combine(folder, file)), file, mismatches);
        }

        output.WriteLine($"{total} cases compared over the files of {folder}; {mismatches.Count} mismatches.");
        foreach (var mismatch in mismatches.Take(40))
        {
            output.WriteLine(mismatch);
        }

        Assert.True(total > 0, $"No case was generated from {folder}.");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {total} cases differ; first: {mismatches.FirstOrDefault()}");
    }

    private static string InstallGenerator()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "flagd-differential");
        ExternalTool.Run("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));

        return folder;
    }

    private static int CompareSet(JsonElement set, string definitionText, string source, List<string> mismatches)
    {
        var definition = set.GetProperty("definition");
        var parsed = FlagdReader.ReadFlagSet(definitionText);
        var flags = CompiledFlagSet.Compile(parsed.Definition ?? throw new InvalidOperationException(
            $"{source}: the file was rejected: {string.Join("; ", parsed.Problems)}"));
        var count = 0;
        foreach (var testCase in set.GetProperty("cases").EnumerateArray())
        {
            count++;
            var actual = Resolve(flags, testCase);
            var expected = testCase.GetProperty("expected");
            var differences = Differences(expected, actual);
            if (differences.Length > 0)
            {
                var key = testCase.GetProperty("flagKey").GetString()!;
                var flag = definition.GetProperty("flags").TryGetProperty(key, out var member)
                    ? member.GetRawText()
                    : "(none)";
                mismatches.Add($"{source}, flag {key}: {differences}; flag {flag} "
                    + $"context {testCase.GetProperty("context").GetRawText()}");
            }
        }

        return count;
    }

    private static (JsonElement Value, string? Variant, string Reason, string? ErrorCode) Resolve(
        CompiledFlagSet flags, JsonElement testCase)
    {
        var key = testCase.GetProperty("flagKey").GetString()!;
        var context = EvaluationContext.FromJson(testCase.GetProperty("context"));
        var defaultValue = testCase.GetProperty("defaultValue");

        return testCase.GetProperty("type").GetString() switch
        {
            "boolean" => Simplify(flags.ResolveBoolean(key, defaultValue.GetBoolean(), context)),
            "string" => Simplify(flags.ResolveString(key, defaultValue.GetString()!, context)),
            "number" => Simplify(flags.ResolveDouble(key, defaultValue.GetDouble(), context)),
            _ => Simplify(flags.ResolveObject(key, defaultValue, context)),
        };
    }

    private static (JsonElement, string?, string, string?) Simplify<T>(FlagResolution<T> resolution) =>
        (JsonSerializer.SerializeToElement(resolution.Value), resolution.Variant, resolution.Reason,
            resolution.ErrorCode);

    private static string Differences(
        JsonElement expected, (JsonElement Value, string? Variant, string Reason, string? ErrorCode) actual)
    {
        var differences = new List<string>();
        if (!JsonValues.AreEqual(expected.GetProperty("value"), actual.Value))
        {
            differences.Add(
                $"value {actual.Value.GetRawText()} ≠ flagd-core {expected.GetProperty("value").GetRawText()}");
        }

        Compare("variant", expected.GetProperty("variant"), actual.Variant, differences);
        Compare("reason", expected.GetProperty("reason"), actual.Reason, differences);
        Compare("error code", expected.GetProperty("errorCode"), actual.ErrorCode, differences);

        return string.Join(", ", differences);
    }

    private static void Compare(string name, JsonElement expected, string? actual, List<string> differences)
    {
        var expectedText = expected.ValueKind == JsonValueKind.Null ? null : expected.ToString();
        if (expectedText != actual)
        {
            differences.Add($"{name} {actual ?? "null"} ≠ flagd-core {expectedText ?? "null"}");
        }
    }
}
