using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>flagd's sem_ver operator: precedence, prefixes, partial versions and invalid input.</summary>
public sealed class SemVerTests
{
    [Theory]
    [InlineData("0.9.0", "<", "0.10.0", "true")]
    [InlineData("1.10.0", ">", "1.9.0", "true")]
    [InlineData("1.0.0-alpha", "<", "1.0.0-alpha.1", "true")]
    [InlineData("1.0.0-alpha.1", "<", "1.0.0-alpha.beta", "true")]
    [InlineData("1.0.0-alpha.beta", "<", "1.0.0-beta", "true")]
    [InlineData("1.0.0-beta.2", "<", "1.0.0-beta.11", "true")]
    [InlineData("1.0.0-rc.1", "<", "1.0.0", "true")]
    [InlineData("1.0.0+build.1", "=", "1.0.0+build.2", "true")]
    [InlineData("v1.2.3", "=", "1.2.3", "true")]
    [InlineData("V1.2.3", "=", "1.2.3", "true")]
    [InlineData("vv1.2.3", "=", "1.2.3", "true")]
    [InlineData("2", "=", "2.0.0", "true")]
    [InlineData("2.1", ">=", "2.1.0", "true")]
    [InlineData("1.2.3", "!=", "1.2.4", "true")]
    [InlineData("1.2.3", "<=", "1.2.3", "true")]
    [InlineData("1.9.0", "^", "1.0.5", "true")]
    [InlineData("2.0.0", "^", "1.9.9", "false")]
    [InlineData("1.2.9", "~", "1.2.0", "true")]
    [InlineData("1.3.0", "~", "1.2.0", "false")]
    [InlineData("1.2.3.4", "=", "1.2.3", "null")]
    [InlineData("01.2.3", "=", "1.2.3", "null")]
    [InlineData("1.2.3-01", "=", "1.2.3", "null")]
    [InlineData("not-a-version", "<", "1.0.0", "null")]
    [InlineData("1.0.0", "==", "1.0.0", "null")]
    public void SemVer_ComparesAsFlagd(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Evaluate($$$"""{"sem_ver": ["{{{left}}}", "{{{op}}}", "{{{right}}}"]}"""));
    }

    [Fact]
    public void SemVer_ReadsVersionFromContext()
    {
        Assert.Equal("true", Evaluate("""{"sem_ver": [{"var": "v"}, ">=", "1.0.0"]}""", """{"v": "1.0.1"}"""));
    }

    [Fact]
    public void SemVer_NumberVersionUsesJavaScriptText()
    {
        // 1.10 is the number 1.1, as in JavaScript, so it reads as 1.1.0.
        Assert.Equal("true", Evaluate("""{"sem_ver": [{"var": "v"}, "=", "1.1.0"]}""", """{"v": 1.10}"""));
    }

    [Fact]
    public void SemVer_WrongArgumentCountIsNull()
    {
        Assert.Equal("null", Evaluate("""{"sem_ver": ["1.0.0", "="]}"""));
    }
}
