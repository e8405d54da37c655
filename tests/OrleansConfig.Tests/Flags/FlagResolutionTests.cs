using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansConfig.Flags;
using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>Reasons, error codes and values of typed resolution, as flagd reports them.</summary>
public sealed class FlagResolutionTests
{
    private const string Colors = """{"red": "#f00", "blue": "#00f"}""";
    private const string Toggle = """{"on": true, "off": false}""";

    [Fact]
    public void FlagWithoutTargeting_IsStatic()
    {
        var result = Flag(Colors, "red", null).ResolveString("f", "none", EvaluationContext.Empty);

        Assert.Equal("#f00", result.Value);
        Assert.Equal("red", result.Variant);
        Assert.Equal(FlagReason.Static, result.Reason);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public void MatchingRule_IsTargetingMatch()
    {
        var flags = Flag(Colors, "red", """{"if": [{"==": [{"var": "tier"}, "gold"]}, "blue", null]}""");

        var result = flags.ResolveString("f", "none", Context("""{"tier": "gold"}"""));

        Assert.Equal("#00f", result.Value);
        Assert.Equal(FlagReason.TargetingMatch, result.Reason);
    }

    [Fact]
    public void NullRuleResult_IsDefault()
    {
        var flags = Flag(Colors, "red", """{"if": [{"==": [{"var": "tier"}, "gold"]}, "blue", null]}""");

        var result = flags.ResolveString("f", "none", Context("""{"tier": "tin"}"""));

        Assert.Equal("red", result.Variant);
        Assert.Equal(FlagReason.Default, result.Reason);
    }

    [Fact]
    public void MissingDefaultVariant_UsesCodeDefault()
    {
        var result = Flag(Colors, null, null).ResolveString("f", "code", EvaluationContext.Empty);

        Assert.Equal("code", result.Value);
        Assert.Null(result.Variant);
        Assert.Equal(FlagReason.Default, result.Reason);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public void DisabledFlag_IsDisabledWithCodeDefault()
    {
        var result = Flag(Toggle, "on", null, state: "DISABLED").ResolveBoolean("f", false, EvaluationContext.Empty);

        Assert.False(result.Value);
        Assert.Equal(FlagReason.Disabled, result.Reason);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public void UnknownFlag_IsFlagNotFound()
    {
        var result = Flag(Toggle, "on", null).ResolveBoolean("other", true, EvaluationContext.Empty);

        Assert.True(result.Value);
        Assert.Equal(FlagReason.Error, result.Reason);
        Assert.Equal(FlagErrorCode.FlagNotFound, result.ErrorCode);
    }

    [Fact]
    public void WrongType_IsTypeMismatch()
    {
        var result = Flag(Toggle, "on", null).ResolveString("f", "x", EvaluationContext.Empty);

        Assert.Equal("x", result.Value);
        Assert.Null(result.Variant);
        Assert.Equal(FlagErrorCode.TypeMismatch, result.ErrorCode);
    }

    [Fact]
    public void FractionalNumber_IsIntegerTypeMismatch()
    {
        var flags = Flag("""{"half": 0.5, "one": 1}""", "half", null);

        Assert.Equal(FlagErrorCode.TypeMismatch, flags.ResolveInteger("f", 7, EvaluationContext.Empty).ErrorCode);
        Assert.Equal(0.5, flags.ResolveDouble("f", 7, EvaluationContext.Empty).Value);
    }

    [Fact]
    public void IntegerVariant_ResolvesAsLongAndDouble()
    {
        var flags = Flag("""{"big": 9007199254740993}""", "big", null);

        Assert.Equal(9007199254740993L, flags.ResolveInteger("f", 0, EvaluationContext.Empty).Value);
        Assert.Equal(9007199254740992d, flags.ResolveDouble("f", 0, EvaluationContext.Empty).Value);
    }

    [Fact]
    public void ObjectVariant_ResolvesAsJson()
    {
        var flags = Flag("""{"a": {"size": 1}}""", "a", null);

        var result = flags.ResolveObject("f", default, EvaluationContext.Empty);

        Assert.Equal(1, result.Value.GetProperty("size").GetInt32());
    }

    [Fact]
    public void UnknownOperator_IsParseError()
    {
        var result = Flag(Toggle, "on", """{"regex": ["a", "b"]}""").ResolveBoolean("f", false,
            EvaluationContext.Empty);

        Assert.Equal(FlagReason.Error, result.Reason);
        Assert.Equal(FlagErrorCode.ParseError, result.ErrorCode);
    }

    [Fact]
    public void MissingRef_IsParseError()
    {
        var result = Flag(Toggle, "on", """{"if": [{"$ref": "nothing"}, "on", "off"]}""")
            .ResolveBoolean("f", false, EvaluationContext.Empty);

        Assert.Equal(FlagErrorCode.ParseError, result.ErrorCode);
    }

    [Fact]
    public void RuleNamingNoVariant_IsGeneralError()
    {
        var result = Flag(Toggle, "on", "\"purple\"").ResolveBoolean("f", false, EvaluationContext.Empty);

        Assert.Equal(FlagReason.Error, result.Reason);
        Assert.Equal(FlagErrorCode.General, result.ErrorCode);
    }

    [Fact]
    public void FailingRule_IsGeneralErrorWithoutThrowing()
    {
        var flags = Flag(Toggle, "on", """{"if": [{"<": [{"var": "s"}, 1]}, "on", "off"]}""");

        var result = flags.ResolveBoolean("f", false, Context("""{"s": "word"}"""));

        Assert.Equal(FlagErrorCode.General, result.ErrorCode);
        Assert.False(result.Value);
    }

    [Fact]
    public void BooleanRuleResult_NamesVariant()
    {
        var flags = Flag("""{"true": "yes", "false": "no"}""", "false",
            """{"ends_with": [{"var": "email"}, "@example.com"]}""");

        Assert.Equal("yes", flags.ResolveString("f", "", Context("""{"email": "a@example.com"}""")).Value);
    }

    [Fact]
    public void ContextThatIsNotObject_IsInvalidContext()
    {
        var result = Flag(Toggle, "on", """{"var": "x"}""").ResolveBoolean("f", false, Context("[1]"));

        Assert.Equal(FlagErrorCode.InvalidContext, result.ErrorCode);
    }

    [Fact]
    public void NumericTargetingKey_IsInvalidContext()
    {
        var result = Flag(Toggle, "on", null).ResolveBoolean("f", false, Context("""{"targetingKey": 5}"""));

        Assert.Equal(FlagErrorCode.InvalidContext, result.ErrorCode);
    }

    [Fact]
    public void Timestamp_ComesFromTimeProvider()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var flags = Compile(
            """
            {"flags": {"f": {"state": "ENABLED", "variants": {"old": 1, "new": 2}, "defaultVariant": "old",
              "targeting": {"if": [{">=": [{"var": "$flagd.timestamp"}, 1700000100]}, "new", "old"]}}}}
            """,
            new FlagEvaluationOptions { TimeProvider = clock });

        Assert.Equal("old", flags.ResolveDouble("f", 0, EvaluationContext.Empty).Variant);
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal("new", flags.ResolveDouble("f", 0, EvaluationContext.Empty).Variant);
    }

    [Fact]
    public void Metadata_FlagOverridesFlagSet()
    {
        var flags = Compile(
            """
            {"flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a",
                "metadata": {"team": "flag"}}},
             "metadata": {"team": "set", "flagSetId": "s1"}}
            """);

        var metadata = flags.ResolveDouble("f", 0, EvaluationContext.Empty).Metadata;

        Assert.Equal("flag", metadata["team"].GetString());
        Assert.Equal("s1", metadata["flagSetId"].GetString());
    }

    [Fact]
    public void EvaluateAll_SkipsDisabledAndCodeDefaultFlags()
    {
        var flags = Compile(
            """
            {"flags": {"a": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": "x"},
              "b": {"state": "DISABLED", "variants": {"x": 1}, "defaultVariant": "x"},
              "c": {"state": "ENABLED", "variants": {"x": 1}}}}
            """);

        var keys = flags.EvaluateAll(EvaluationContext.Empty).Select(result => result.FlagKey);

        Assert.Equal(["a"], keys);
    }

    [Fact]
    public void Evaluate_ReturnsVariantJson()
    {
        var result = Flag(Colors, "blue", null).Evaluate("f", null);

        Assert.Equal(JsonValueKind.String, result.Value.ValueKind);
        Assert.Equal("#00f", result.Value.GetString());
    }

    [Fact]
    public void ParallelEvaluations_AgreeWithSequential()
    {
        var flags = Flag(Colors, "red", """{"fractional": [["red", 50], ["blue", 50]]}""");
        var keys = Enumerable.Range(0, 2000).Select(i => $"user-{i}").ToArray();
        var sequential = keys
            .Select(key => flags.ResolveString("f", "", EvaluationContext.Create(key)).Variant)
            .ToArray();

        var parallel = new string?[keys.Length];
        Parallel.For(
            0, keys.Length, i => parallel[i] = flags.ResolveString("f", "", EvaluationContext.Create(keys[i])).Variant);

        Assert.Equal(sequential, parallel);
    }
}
