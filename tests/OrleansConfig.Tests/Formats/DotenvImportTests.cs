using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class DotenvImportTests
{
    private const ConfigFileFormat Dotenv = ConfigFileFormat.Dotenv;

    // The relaxed encoder escapes the expected values the way the dotenv reader does: it escapes
    // quotes, backslashes and control characters and leaves é as it is.
    private static readonly JsonSerializerOptions s_relaxedOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public void Assignments_become_JSON_strings()
    {
        var entries = ReadEntries("PORT=8080\nDebug_Mode=true\n", Dotenv);

        Assert.Equal(Entries(("PORT", "\"8080\""), ("Debug_Mode", "\"true\"")), entries);
    }

    [Fact]
    public void Comments_and_blank_lines_skip()
    {
        var entries = ReadEntries("# header\n\n   \n  # FOO=commented out\r\nA=1\r\n", Dotenv);

        Assert.Equal(Entries(("A", "\"1\"")), entries);
    }

    [Fact]
    public void Export_prefix_is_removed()
    {
        var entries = ReadEntries("export A=1\nexport\tB=2\n", Dotenv);

        Assert.Equal(Entries(("A", "\"1\""), ("B", "\"2\"")), entries);
    }

    [Theory]
    [InlineData("export=3")]
    [InlineData("export = 3")]
    public void Name_export_is_kept(string line)
    {
        var entries = ReadEntries(line, Dotenv);

        Assert.Equal(Entries(("export", "\"3\"")), entries);
    }

    [Theory]
    [InlineData("A=  spaced value  ", "spaced value")]
    [InlineData("A=value # comment", "value")]
    [InlineData("A=value\t# comment", "value")]
    [InlineData("A=#not-a-comment", "#not-a-comment")]
    [InlineData("A=a=b,c=d", "a=b,c=d")]
    [InlineData("A=", "")]
    [InlineData("A = padded", "padded")]
    [InlineData("A='single # \\n $x'", "single # \\n $x")]
    [InlineData("A=\"line\\nnext\"", "line\nnext")]
    [InlineData("A=\"say \\\"hi\\\" \\\\ \\q\"", "say \"hi\" \\ \\q")]
    [InlineData("A=\"quoted\" # comment", "quoted")]
    [InlineData("A=\"\"", "")]
    [InlineData("A=${HOST}:${PORT}", "${HOST}:${PORT}")]
    [InlineData("A=caf\u00e9", "caf\u00e9")]
    public void Values_parse_like_dotenv(string line, string expected)
    {
        var entries = ReadEntries(line + "\n", Dotenv);

        Assert.Equal(Entries(("A", EncodeJsonString(expected))), entries);
    }

    [Fact]
    public void Keys_keep_written_case()
    {
        var entries = ReadEntries("Logging:LogLevel:Default=Warning\n", Dotenv);

        Assert.Equal("Logging:LogLevel:Default", Assert.Single(entries).Key);
    }

    [Theory]
    [InlineData("A=1\nnot an assignment\n", 2)]
    [InlineData("A=1\n\n=value\n", 3)]
    [InlineData("export ONLY_NAME\n", 1)]
    public void Invalid_line_names_number(string text, int line)
    {
        var error = ReadError(text, Dotenv);

        Assert.StartsWith($"Line {line} is not a NAME=value assignment", error);
    }

    [Fact]
    public void Unclosed_quote_is_rejected()
    {
        var error = ReadError("A=1\nSECRET=\"abc\n", Dotenv);

        Assert.Contains("Line 2: the value of 'SECRET' has no closing \" quote", error);
        Assert.DoesNotContain("abc", error);
    }

    [Fact]
    public void Text_after_quote_is_rejected()
    {
        var error = ReadError("A='x' y\n", Dotenv);

        Assert.Contains("Line 1: the value of 'A' has text after its closing ' quote", error);
    }

    [Fact]
    public void Repeated_name_is_rejected()
    {
        var error = ReadError("A=1\nA=2\n", Dotenv);

        Assert.Contains("'A' is defined twice", error);
    }

    private static string EncodeJsonString(string text) =>
        JsonSerializer.Serialize(text, s_relaxedOptions);
}
