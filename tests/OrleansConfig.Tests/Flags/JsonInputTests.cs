using System.Text;
using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags;

public sealed class JsonInputTests
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    [Fact]
    public void ByteOrderMark_IsSkipped()
    {
        var (document, problem) = JsonInput.Parse("\uFEFF{\"a\": 1}"u8.ToArray(), Strict);

        Assert.Null(problem);
        using (document)
        {
            Assert.Equal(1, document!.RootElement.GetProperty("a").GetInt32());
        }
    }

    [Fact]
    public void SyntaxError_GivesOneBasedPosition()
    {
        var (document, problem) = JsonInput.Parse("{\n  \"a\": 1,\n  }", Strict);

        Assert.Null(document);
        Assert.StartsWith("is not valid JSON at line 3, byte 3: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem, StringComparison.Ordinal);
        Assert.EndsWith(".", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "duplicate member 'a' in the object at $;")]
    [InlineData("""{"x": [{"b": 1}, {"k": 1, "k": 1}]}""", "duplicate member 'k' in the object at $['x'][1];")]
    [InlineData("""{"o": {"it's": 1, "it's": 2}}""", "duplicate member 'it's' in the object at $['o'];")]
    public void DuplicateMember_IsNamedWithItsPath(string json, string expected)
    {
        var (document, problem) = JsonInput.Parse(json, Strict);

        Assert.Null(document);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateMember_AllowedByOptions()
    {
        var (document, problem) = JsonInput.Parse("""{"a": 1, "a": 2}""", default);

        Assert.Null(problem);
        document!.Dispose();
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(10, 10)]
    [InlineData(256, 256)]
    public void NestingPastLimit_NamesLimit(int maxDepth, int limit)
    {
        var justRight = Nested(limit);
        var tooDeep = Nested(limit + 1);
        var options = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };

        var (accepted, acceptedProblem) = JsonInput.Parse(justRight, options);
        var (refused, refusedProblem) = JsonInput.Parse(tooDeep, options);

        Assert.Null(acceptedProblem);
        accepted!.Dispose();
        Assert.Null(refused);
        Assert.StartsWith($"is nested more than {limit} levels deep at byte {limit + 1};", refusedProblem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorBeforeDepthLimit_IsSyntax()
    {
        var (_, problem) = JsonInput.Parse("[[[}", Strict);

        Assert.StartsWith("is not valid JSON at line 1, byte 4", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InString_NamesItsByte()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\": \"x\"}");
        bytes[7] = 0xFF;

        var (document, problem) = JsonInput.Parse(bytes, Strict);

        Assert.Null(document);
        Assert.Equal("is not valid UTF-8 at byte 8.", problem);
    }

    [Theory]
    [InlineData("""{"a": ["ok", "\ud800"]}""", "at $['a'][1];")]
    [InlineData("""{"a": {"\udc00": 1}}""", "at a member name of the object at $['a'];")]
    [InlineData("""{"\ud800": 1, "b": 2}""", "at a member name of the object at $;")]
    public void UnpairedSurrogateEscape_IsNamedWithItsPath(string json, string expected)
    {
        var (document, problem) = JsonInput.Parse(json, Strict);

        Assert.Null(document);
        Assert.Contains("unpaired UTF-16 surrogate escape", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SurrogatePair_IsAccepted()
    {
        var (document, problem) = JsonInput.Parse("""{"\ud83d\ude00": "\ud83d\ude00"}""", Strict);

        Assert.Null(problem);
        document!.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void EmptyText_IsNamedEmpty(string text)
    {
        var (_, problem) = JsonInput.Parse(text, Strict);

        Assert.Equal("is empty.", problem);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth));
}
