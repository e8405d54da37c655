using OrleansConfig.Flags;
using OrleansConfig.Flags.Logic;
using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>flagd's fractional split: hash, bucket mapping, bucketing value and weights.</summary>
public sealed class FractionalTests
{
    private const string Suits = """{"clubs": "c", "hearts": "h", "spades": "s"}""";

    // Published MurmurHash3_x86_32 results for seed 0; the non-ASCII ones hash the UTF-8 bytes.
    [Theory]
    [InlineData("", 0u)]
    [InlineData("hello", 0x248bfa47u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x2e4ff723u)]
    [InlineData("Świętopełk", 805072450u)]
    [InlineData("日本", 3302619458u)]
    [InlineData("😀", 3199479546u)]
    public void MurmurHash3_MatchesReferenceValues(string text, uint expected)
    {
        Assert.Equal(expected, MurmurHash3.Hash(text));
    }

    [Theory]
    [InlineData(0u, "a")]
    [InlineData(0x3FFFFFFFu, "a")]
    [InlineData(0x40000000u, "b")]
    [InlineData(0xFFFFFFFFu, "c")]
    public void Hash_MapsToWeightedBucket(uint hash, string expected)
    {
        LogicValue[] buckets = [Bucket("a", 1), Bucket("b", 2), Bucket("c", 1)];

        Assert.Equal(expected, FractionalNode.Select(hash, buckets).String);
    }

    [Fact]
    public void LastBucket_TakesTopOfRange()
    {
        LogicValue[] buckets = [Bucket("a", 10), Bucket("b", 20), Bucket("c", 70)];

        Assert.Equal("c", FractionalNode.Select(uint.MaxValue, buckets).String);
    }

    [Fact]
    public void DefaultBucketing_HashesFlagKeyAndTargetingKey()
    {
        var flags = Flag(Suits, "clubs", """{"fractional": [["clubs"], ["hearts"], ["spades"]]}""");
        var expected = Expected(MurmurHash3.Hash("f" + "user-1"), 3, ["clubs", "hearts", "spades"]);

        Assert.Equal(expected, flags.ResolveString("f", "", EvaluationContext.Create("user-1")).Variant);
    }

    [Fact]
    public void BucketingExpression_ReplacesTargetingKey()
    {
        var flags = Flag(Suits, "clubs",
            """{"fractional": [{"var": "email"}, ["clubs", 1], ["hearts", 1], ["spades", 1]]}""");
        var expected = Expected(MurmurHash3.Hash("a@b.c"), 3, ["clubs", "hearts", "spades"]);

        var result = flags.ResolveString("f", "", Context("""{"targetingKey": "ignored", "email": "a@b.c"}"""));

        Assert.Equal(expected, result.Variant);
    }

    [Fact]
    public void MissingTargetingKey_FallsBackToDefault()
    {
        var flags = Flag(Suits, "clubs", """{"fractional": [["hearts", 50], ["spades", 50]]}""");

        var result = flags.ResolveString("f", "", EvaluationContext.Empty);

        Assert.Equal("clubs", result.Variant);
        Assert.Equal(FlagReason.Default, result.Reason);
    }

    [Fact]
    public void EmptyTargetingKey_BucketsOnFlagKey()
    {
        var flags = Flag(Suits, "clubs", """{"fractional": [["hearts", 50], ["spades", 50]]}""");
        var expected = Expected(MurmurHash3.Hash("f"), 100, [.. Enumerable.Repeat("hearts", 50),
            .. Enumerable.Repeat("spades", 50)]);

        var result = flags.ResolveString("f", "", EvaluationContext.Create(""));

        Assert.Equal(expected, result.Variant);
        Assert.Equal(FlagReason.TargetingMatch, result.Reason);
    }

    [Theory]
    [InlineData("""[["hearts", 2.5], ["spades", 1]]""")]
    [InlineData("""[["hearts", "1"], ["spades", 1]]""")]
    [InlineData("""[["hearts", 2147483647], ["spades", 1]]""")]
    [InlineData("""[["hearts", 0], ["spades", 0]]""")]
    [InlineData("""[["hearts", 1, 2]]""")]
    [InlineData("""[[["hearts"], 1]]""")]
    public void InvalidBuckets_FallBackToDefault(string buckets)
    {
        var flags = Flag(Suits, "clubs", $$$"""{"fractional": [{"var": "email"}, {{{buckets[1..^1]}}}]}""");

        var result = flags.ResolveString("f", "", Context("""{"email": "a@b.c"}"""));

        Assert.Equal("clubs", result.Variant);
        Assert.Equal(FlagReason.Default, result.Reason);
    }

    [Fact]
    public void NegativeWeight_CountsAsZero()
    {
        var flags = Flag(Suits, "clubs", """{"fractional": [{"var": "email"}, ["hearts", -5], ["spades", 1]]}""");

        Assert.Equal("spades", flags.ResolveString("f", "", Context("""{"email": "a@b.c"}""")).Variant);
    }

    private static LogicValue Bucket(string variant, int weight) =>
        LogicValue.FromArray([LogicValue.FromString(variant), LogicValue.FromNumber(weight)]);

    // The documented mapping: point = floor(hash × total / 2^32), one slot per unit of weight.
    private static string Expected(uint hash, int total, string[] slots) =>
        slots[(int)(((ulong)hash * (ulong)total) >> 32)];
}
