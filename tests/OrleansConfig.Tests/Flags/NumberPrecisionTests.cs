using OrleansConfig.Flags.Logic;
using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>Numbers written in JSON compare by decimal value, even where binary64 rounds them together.</summary>
public sealed class NumberPrecisionTests
{
    [Theory]
    [InlineData("9007199254740993", "9007199254740992", 1)]
    [InlineData("0.1", "0.10000000000000001", -1)]
    [InlineData("0.10", "0.1", 0)]
    [InlineData("1e2", "100", 0)]
    [InlineData("-0", "0", 0)]
    [InlineData("12345678901234567890123456789012345678901", "12345678901234567890123456789012345678900", 1)]
    [InlineData("-1.5e-400", "-1.4e-400", -1)]
    [InlineData("123.456e3", "123456", 0)]
    public void ExactNumber_ComparesDecimalValue(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(ExactNumber.CompareText(left, right)));
    }

    [Fact]
    public void WrittenIntegers_BeyondDoublePrecisionDiffer()
    {
        Assert.Equal("false", Evaluate("""{"==": [{"var": "n"}, 9007199254740993]}""", """{"n": 9007199254740992}"""));
        Assert.Equal("true", Evaluate("""{">": [{"var": "n"}, 9007199254740992]}""", """{"n": 9007199254740993}"""));
        Assert.Equal("true", Evaluate("""{"===": [{"var": "n"}, 9007199254740993]}""", """{"n": 9007199254740993}"""));
    }

    [Fact]
    public void NumericString_ComparesExactlyWithNumber()
    {
        Assert.Equal("false", Evaluate("""{"==": [{"var": "s"}, 9007199254740993]}""",
            """{"s": "9007199254740992"}"""));
    }

    [Fact]
    public void ArithmeticResult_ComparesAsDouble()
    {
        Assert.Equal("false", Evaluate("""{"==": [{"+": [0.1, 0.2]}, 0.3]}"""));
        Assert.Equal("true", Evaluate("""{"==": [{"+": [{"var": "x"}, 0]}, 0.1]}""", """{"x": 0.1}"""));
    }

    [Fact]
    public void ContextLong_KeepsExactValue()
    {
        var flags = Flag("""{"big": "big", "small": "small"}""", "small",
            """{"if": [{">": [{"var": "n"}, 9007199254740992]}, "big", "small"]}""");
        var context = OrleansConfig.Flags.EvaluationContext.Create(null, [new("n", 9007199254740993L)]);

        Assert.Equal("big", flags.ResolveString("f", "none", context).Value);
    }
}
