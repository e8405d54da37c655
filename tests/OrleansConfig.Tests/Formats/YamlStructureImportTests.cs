using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class YamlStructureImportTests
{
    private const ConfigFileFormat Yaml = ConfigFileFormat.Yaml;

    private const string ThreeDocuments = "a: 1\n---\nb: 2\n---\nc: 3\n";

    [Fact]
    public void Merge_key_copies_anchor()
    {
        const string Text = "base: &base\n  host: db\n  port: 5432\ndev:\n  <<: *base\n";

        var entries = ReadEntries(Text, Yaml);

        Assert.Equal("\"db\"", ValueOf(entries, "dev:host"));
        Assert.Equal("5432", ValueOf(entries, "dev:port"));
    }

    [Fact]
    public void Written_key_overrides_merge()
    {
        const string Text =
            "base: &base\n  host: db\n  port: 5432\ndev:\n  <<: *base\n  port: 6543\n";

        var entries = ReadEntries(Text, Yaml);

        Assert.Equal("6543", ValueOf(entries, "dev:port"));
        Assert.Equal("\"db\"", ValueOf(entries, "dev:host"));
    }

    [Fact]
    public void Earlier_merge_source_wins()
    {
        const string Text = "a: &a\n  x: 1\nb: &b\n  x: 2\n  y: 2\nc:\n  <<: [*a, *b]\n";

        var entries = ReadEntries(Text, Yaml);

        Assert.Equal("1", ValueOf(entries, "c:x"));
        Assert.Equal("2", ValueOf(entries, "c:y"));
    }

    [Fact]
    public void Merge_of_scalar_is_rejected()
    {
        var error = ReadError("a: &a 1\nb:\n  <<: *a\n", Yaml);

        Assert.Contains("merge key '<<' at line 3", error);
    }

    [Fact]
    public void Aliases_resolve_to_anchor()
    {
        var entries = ReadEntries("hosts: &hosts [a, b]\ncopy: *hosts\n", Yaml);

        Assert.Equal("\"b\"", ValueOf(entries, "copy:1"));
    }

    [Fact]
    public void Self_referencing_anchor_is_rejected()
    {
        var error = ReadError("a: &a\n  b: *a\n", Yaml);

        Assert.Contains("nested more than 64 levels", error);
    }

    [Fact]
    public void Self_merging_anchor_is_rejected()
    {
        var error = ReadError("a: &a\n  x: 1\n  <<: *a\n", Yaml);

        Assert.Contains("merges itself", error);
    }

    [Fact]
    public void Several_documents_need_choice()
    {
        var error = ReadError(ThreeDocuments, Yaml);

        Assert.Contains("3 YAML documents", error);
        Assert.Contains("?document=N with N from 1 to 3", error);
    }

    [Fact]
    public void Document_option_selects_document()
    {
        var entries = ReadEntries(ThreeDocuments, Yaml, document: 2);

        Assert.Equal(Entries(("b", "2")), entries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Document_out_of_range_is_rejected(int document)
    {
        var error = ReadError(ThreeDocuments, Yaml, document);

        Assert.Contains($"Document {document} does not exist", error);
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var error = ReadError("a:\n  b: 1\n  'b': 2\n", Yaml);

        Assert.Contains("Duplicate key b", error);
        Assert.Contains("line 3", error);
    }

    [Fact]
    public void Dotted_and_nested_keys_differ()
    {
        var entries = ReadEntries("a.b: 1\na:\n  b: 2\n", Yaml);

        Assert.Equal(Entries(("a.b", "1"), ("a:b", "2")), entries);
    }

    [Fact]
    public void Colon_key_beside_nested_collides()
    {
        var error = ReadError("\"a:b\": 1\na:\n  b: 2\n", Yaml);

        Assert.Contains("'a:b' is defined twice", error);
    }

    [Theory]
    [InlineData("", "contains no YAML document")]
    [InlineData("# only a comment\n", "contains no YAML document")]
    [InlineData("---\n", "document 1 is empty")]
    [InlineData("- a\n- b\n", "document 1 is a sequence")]
    [InlineData("just text\n", "document 1 is a scalar")]
    public void Top_level_non_mapping_is_rejected(string text, string problem)
    {
        var error = ReadError(text, Yaml);

        Assert.Contains(problem, error);
    }

    [Fact]
    public void Collection_key_is_rejected()
    {
        var error = ReadError("? [a, b]\n: 1\n", Yaml);

        Assert.Contains("keys must be scalars", error);
    }

    [Fact]
    public void Syntax_error_names_line()
    {
        var error = ReadError("a: 1\nb: [1, 2\n", Yaml);

        Assert.StartsWith("The file is not valid YAML at line", error);
    }

    // YamlDotNet 18.1.0 throws InvalidOperationException and ArgumentException for these.
    [Theory]
    [InlineData(": [--\n~")]
    [InlineData("base: &base\n  : 1\nuse\n  <<: *base\n---\nother: ~")]
    public void Parser_failure_without_position_rejected(string text)
    {
        var error = ReadError(text, Yaml);

        Assert.StartsWith("The file is not valid YAML", error);
    }

    [Fact]
    public void Single_document_accepts_option()
    {
        var entries = ReadEntries("a: 1\n", Yaml, document: 1);

        Assert.Equal(Entries(("a", "1")), entries);
    }

    [Fact]
    public void Set_tag_is_rejected()
    {
        var error = ReadError("hosts: !!set\n  ? a\n  ? b\n", Yaml);

        Assert.Contains("'hosts' has the tag tag:yaml.org,2002:set, which is not supported", error);
    }

    [Fact]
    public void Quoted_merge_key_is_ordinary()
    {
        var error = ReadError("base: &b\n  x: 1\nuse:\n  \"<<\": *b\n", Yaml);

        Assert.Contains("The key 'use:<<:x' contains '<'", error);
    }

    [Fact]
    public void Invalid_UTF8_is_rejected()
    {
        byte[] content = [(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28];

        var result = ConfigFileReader.Read(content, Yaml, ConfigImportOptions.Default);

        Assert.Equal("The file is not valid UTF-8 text at byte 4; save it as UTF-8.", result.Error);
    }
}
