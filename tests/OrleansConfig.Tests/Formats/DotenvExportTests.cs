using System.Text.Json;
using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class DotenvExportTests
{
    private const ConfigFileFormat Dotenv = ConfigFileFormat.Dotenv;

    [Fact]
    public void Entries_are_written_in_order()
    {
        var entries = Entries(("B", "\"2\""), ("A", "\"1\""), ("Logging:Level", "\"Warning\""));

        var text = WriteText(entries, Dotenv);

        Assert.Equal("B=2\nA=1\nLogging:Level=Warning\n", text);
    }

    [Theory]
    [InlineData("lb://host:80/a_b.c@d,e+f-g", "lb://host:80/a_b.c@d,e+f-g")]
    [InlineData("", "\"\"")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("a#b", "\"a#b\"")]
    [InlineData("${HOST}", "\"${HOST}\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nnext\r\ttab", "\"line\\nnext\\r\\ttab\"")]
    [InlineData("caf\u00e9", "\"caf\u00e9\"")]
    public void Strings_are_quoted_when_needed(string value, string written)
    {
        var entry = new ConfigEntry("A", JsonSerializer.Serialize(value));

        var text = WriteText([entry], Dotenv);

        Assert.Equal($"A={written}\n", text);
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("1e400")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Non_strings_are_written_raw(string json)
    {
        var text = WriteText(Entries(("A", json)), Dotenv);

        Assert.Equal($"A={json}\n", text);
    }

    [Fact]
    public void Non_strings_reimport_as_strings()
    {
        var text = WriteText(Entries(("A", "0.1")), Dotenv);

        var entries = ReadEntries(text, Dotenv);

        Assert.Equal("\"0.1\"", ValueOf(entries, "A"));
    }

    [Fact]
    public void Leaf_and_parent_are_allowed()
    {
        var text = WriteText(Entries(("a", "\"1\""), ("a:b", "\"2\"")), Dotenv);

        Assert.Equal("a=1\na:b=2\n", text);
    }
}
