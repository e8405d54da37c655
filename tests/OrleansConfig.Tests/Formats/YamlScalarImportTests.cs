using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class YamlScalarImportTests
{
    private const ConfigFileFormat Yaml = ConfigFileFormat.Yaml;

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("FALSE", "false")]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e400", "1e400")]
    [InlineData("-12.5E-3", "-12.5E-3")]
    [InlineData("0", "0")]
    public void Plain_scalars_resolve_to_JSON(string yaml, string json)
    {
        var entries = ReadEntries($"value: {yaml}\n", Yaml);

        Assert.Equal(json, ValueOf(entries, "value"));
    }

    [Theory]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("+5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("007")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData(".nan")]
    [InlineData("yes")]
    [InlineData("tRUE")]
    [InlineData("1_000")]
    [InlineData("2001-12-14")]
    public void Non_JSON_numbers_stay_strings(string yaml)
    {
        var entries = ReadEntries($"value: {yaml}\n", Yaml);

        Assert.Equal($"\"{yaml}\"", ValueOf(entries, "value"));
    }

    [Theory]
    [InlineData("'true'", "\"true\"")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("'it''s'", "\"it's\"")]
    [InlineData("\"tab\\there\"", "\"tab\\there\"")]
    [InlineData("\"\\u00e9\"", "\"\\u00e9\"")]
    [InlineData("\"\\x41\"", "\"A\"")]
    [InlineData("'say \"hi\"'", "\"say \\\"hi\\\"\"")]
    [InlineData("'back\\slash'", "\"back\\\\slash\"")]
    public void Quoted_scalars_become_strings(string yaml, string json)
    {
        var entries = ReadEntries($"value: {yaml}\n", Yaml);

        Assert.Equal(json, ValueOf(entries, "value"));
    }

    [Fact]
    public void Block_scalars_become_strings()
    {
        const string Text = "literal: |\n  line 1\n  line 2\nfolded: >\n  one\n  two\n";

        var entries = ReadEntries(Text, Yaml);

        Assert.Equal("\"line 1\\nline 2\\n\"", ValueOf(entries, "literal"));
        Assert.Equal("\"one two\\n\"", ValueOf(entries, "folded"));
    }

    [Fact]
    public void Str_tag_makes_string()
    {
        var entries = ReadEntries("port: !!str 8080\nflag: ! true\n", Yaml);

        Assert.Equal("\"8080\"", ValueOf(entries, "port"));
        Assert.Equal("\"true\"", ValueOf(entries, "flag"));
    }

    [Fact]
    public void Matching_int_tag_is_accepted()
    {
        var entries = ReadEntries("port: !!int 8080\n", Yaml);

        Assert.Equal("8080", ValueOf(entries, "port"));
    }

    [Fact]
    public void Mismatched_int_tag_is_rejected()
    {
        var error = ReadError("port: !!int 0x1F\n", Yaml);

        Assert.Contains("'port' has the tag tag:yaml.org,2002:int", error);
    }

    [Fact]
    public void Custom_tag_is_rejected()
    {
        var error = ReadError("bucket: !Ref MyBucket\n", Yaml);

        Assert.Contains("'bucket' has the tag !Ref, which is not supported", error);
    }

    [Fact]
    public void Empty_collections_stay_leaves()
    {
        var entries = ReadEntries("object: {}\narray: []\n", Yaml);

        Assert.Equal(Entries(("object", "{}"), ("array", "[]")), entries);
    }

    [Fact]
    public void Sequences_flatten_by_index()
    {
        var entries = ReadEntries("items:\n  - a\n  - name: b\n    size: 2\n", Yaml);

        var expected = Entries(
            ("items:0", "\"a\""), ("items:1:name", "\"b\""), ("items:1:size", "2"));
        Assert.Equal(expected, entries);
    }
}
