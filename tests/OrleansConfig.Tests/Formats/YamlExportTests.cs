using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class YamlExportTests
{
    private const ConfigFileFormat Yaml = ConfigFileFormat.Yaml;

    [Fact]
    public void Nesting_uses_block_style()
    {
        var entries = Entries(
            ("Logging:Level", "\"Warning\""),
            ("Routes:0:Id", "\"vets\""),
            ("Routes:0:Filters:0", "\"StripPrefix=2\""),
            ("Routes:1:Id", "\"visits\""),
            ("Empty", "{}"));

        var text = WriteText(entries, Yaml);

        const string Expected = """
            Logging:
              Level: Warning
            Routes:
              - Id: vets
                Filters:
                  - StripPrefix=2
              - Id: visits
            Empty: {}

            """;
        Assert.Equal(Expected, text);
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("1e400")]
    [InlineData("-0.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Non_strings_are_written_plain(string json)
    {
        var text = WriteText(Entries(("value", json)), Yaml);

        Assert.Equal($"value: {json}\n", text);
    }

    [Theory]
    [InlineData("Information")]
    [InlineData("lb://vets-service")]
    [InlineData("Application = Sample")]
    [InlineData("$controlSwitch")]
    [InlineData("/var/lib/grafana")]
    public void Unambiguous_strings_stay_plain(string text)
    {
        var yaml = WriteText(Entries(("value", $"\"{text}\"")), Yaml);

        Assert.Equal($"value: {text}\n", yaml);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"No\"")]
    [InlineData("\"null\"")]
    [InlineData("\"~\"")]
    [InlineData("\"42\"")]
    [InlineData("\"0x1F\"")]
    [InlineData("\".inf\"")]
    [InlineData("\"\"")]
    [InlineData("\" padded\"")]
    [InlineData("\"trailing \"")]
    [InlineData("\"a: b\"")]
    [InlineData("\"ends:\"")]
    [InlineData("\"a #b\"")]
    [InlineData("\"- item\"")]
    [InlineData("\"*alias\"")]
    [InlineData("\"{x}\"")]
    [InlineData("\"it's\"")]
    [InlineData("\"caf\u00e9\"")]
    [InlineData("\"\\u00e9\"")]
    [InlineData("\"line\\nnext\"")]
    public void Ambiguous_strings_keep_JSON_literal(string json)
    {
        var text = WriteText(Entries(("value", json)), Yaml);

        Assert.Equal($"value: {json}\n", text);
    }

    [Fact]
    public void YAML_line_breaks_are_escaped()
    {
        var text = WriteText(Entries(("value", "\"a\u2028b\u0085c\"")), Yaml);

        Assert.Equal("value: \"a\\u2028b\\u0085c\"\n", text);
    }

    [Fact]
    public void Ambiguous_keys_are_quoted()
    {
        var text = WriteText(Entries(("on", "1"), ("Map:0", "1"), ("Map:x", "2")), Yaml);

        Assert.Equal("\"on\": 1\nMap:\n  \"0\": 1\n  x: 2\n", text);
    }

    [Fact]
    public void Object_values_are_minified()
    {
        var text = WriteText(Entries(("value", "{ \"a\" : [1, \"x y\"] }")), Yaml);

        Assert.Equal("value: {\"a\":[1,\"x y\"]}\n", text);
    }

    [Fact]
    public void Unpaired_surrogate_is_rejected()
    {
        var result = ConfigFileWriter.Write(Entries(("value", "\"\\ud800\"")), Yaml);

        Assert.Contains("'value' is a JSON string with an unpaired surrogate", result.Error);
    }

    [Fact]
    public void Empty_entries_give_empty_mapping()
    {
        Assert.Equal("{}\n", WriteText([], Yaml));
    }
}
