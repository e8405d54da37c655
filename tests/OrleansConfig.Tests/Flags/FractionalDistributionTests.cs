using OrleansConfig.Flags;
using OrleansConfig.Flags.Logic;
using Xunit.Abstractions;
using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>How fractional spreads many targeting keys, and that a key's bucket is stable.</summary>
public sealed class FractionalDistributionTests(ITestOutputHelper output)
{
    private const int KeyCount = 100_000;
    private const string Split = """{"fractional": [["small", 10], ["medium", 20], ["large", 70]]}""";
    private const string Sizes = """{"small": "s", "medium": "m", "large": "l"}""";

    [Fact]
    public void HundredThousandKeys_LandWithinOnePercent()
    {
        var flags = Flag(Sizes, "small", Split);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < KeyCount; i++)
        {
            var variant = flags.ResolveString("f", "", EvaluationContext.Create($"user-{i}")).Variant!;
            counts[variant] = counts.GetValueOrDefault(variant) + 1;
        }

        var shares = counts.Select(pair => $"{pair.Key}: {pair.Value} ({100.0 * pair.Value / KeyCount:F2} %)");
        output.WriteLine(string.Join(", ", shares));
        Assert.InRange(Share(counts, "small"), 9.0, 11.0);
        Assert.InRange(Share(counts, "medium"), 19.0, 21.0);
        Assert.InRange(Share(counts, "large"), 69.0, 71.0);
    }

    [Fact]
    public void KeyBucket_IgnoresUnrelatedFlags()
    {
        var flag = "\"f\": {\"state\": \"ENABLED\", \"variants\": " + Sizes
            + ", \"defaultVariant\": \"small\", \"targeting\": " + Split + "}";
        var before = Compile(
            """{"flags": {"other": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a"}, """
            + flag + "}}");
        var after = Compile("""
            {"flags": {
              "added": {"state": "ENABLED", "variants": {"x": true, "y": false}, "defaultVariant": "x",
                        "targeting": {"fractional": [["x", 50], ["y", 50]]}},
              "other": {"state": "DISABLED", "variants": {"a": 2, "b": 3}, "defaultVariant": "b"},
            """ + flag + """
            }, "metadata": {"flagSetId": "changed"}}
            """);

        for (var i = 0; i < 10_000; i++)
        {
            var context = EvaluationContext.Create($"user-{i}");
            Assert.Equal(before.ResolveString("f", "", context).Variant, after.ResolveString("f", "", context).Variant);
        }
    }

    [Fact]
    public void LastBucket_GetsLastVariant()
    {
        // With weights 1 and 2^31 − 2, only a hash in the first 1/2^31 of the range picks "first".
        var flags = Flag("""{"first": 1, "last": 2}""", "first",
            """{"fractional": [{"var": "id"}, ["first", 1], ["last", 2147483646]]}""");

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal("last", flags.ResolveDouble("f", 0, Context($$$"""{"id": "id-{{{i}}}"}""")).Variant);
        }
    }

    [Fact]
    public void HashRangeEnds_GoToFirstAndLastVariants()
    {
        // Weights 33/33/33 do not add up to 100: the top of the hash range must still reach the last
        // bucket, and the bottom the first, with nothing left over for the caller's default.
        var flags = Flag(Sizes, "small",
            """{"fractional": [["small", 33], ["medium", 33], ["large", 33]]}""");
        const uint Edge = uint.MaxValue / 200;
        var top = 0;
        var bottom = 0;

        for (var i = 0; i < KeyCount && (top < 50 || bottom < 50); i++)
        {
            var targetingKey = $"user-{i}";
            var hash = MurmurHash3.Hash("f", targetingKey);
            var variant = flags.ResolveString("f", "", EvaluationContext.Create(targetingKey)).Variant;
            if (hash >= uint.MaxValue - Edge)
            {
                top++;
                Assert.Equal("large", variant);
            }
            else if (hash <= Edge)
            {
                bottom++;
                Assert.Equal("small", variant);
            }
        }

        Assert.True(top >= 50, $"only {top} keys hashed into the top 0.5 % of the range");
        Assert.True(bottom >= 50, $"only {bottom} keys hashed into the bottom 0.5 % of the range");
    }

    private static double Share(Dictionary<string, int> counts, string variant) =>
        100.0 * counts.GetValueOrDefault(variant) / KeyCount;
}
