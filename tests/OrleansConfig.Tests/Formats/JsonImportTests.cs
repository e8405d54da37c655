using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class JsonImportTests
{
    private const ConfigFileFormat Json = ConfigFileFormat.Json;

    [Fact]
    public void Nested_objects_flatten_with_colons()
    {
        const string Text = """{ "Logging": { "LogLevel": { "Default": "Info" } }, "Port": 8080 }""";

        var entries = ReadEntries(Text, Json);

        var expected = Entries(("Logging:LogLevel:Default", "\"Info\""), ("Port", "8080"));
        Assert.Equal(expected, entries);
    }

    [Fact]
    public void Arrays_flatten_by_index()
    {
        var entries = ReadEntries("""{ "Items": ["a", { "Name": "b" }] }""", Json);

        Assert.Equal(Entries(("Items:0", "\"a\""), ("Items:1:Name", "\"b\"")), entries);
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("0.1")]
    [InlineData("1e400")]
    [InlineData("-0.0")]
    [InlineData("1E+2")]
    [InlineData("\"\\u00e9\"")]
    [InlineData("\"caf\u00e9 \\/ \\ud83d\\ude00\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void Leaf_values_keep_raw_text(string raw)
    {
        var entries = ReadEntries($$"""{ "Value": {{raw}} }""", Json);

        Assert.Equal(raw, ValueOf(entries, "Value"));
    }

    [Fact]
    public void Empty_object_and_array_stay_leaves()
    {
        const string Text = """{ "Object": { }, "Array": [ ], "Nested": { "Inner": {} } }""";

        var entries = ReadEntries(Text, Json);

        Assert.Equal(Entries(("Object", "{}"), ("Array", "[]"), ("Nested:Inner", "{}")), entries);
    }

    [Fact]
    public void Byte_order_mark_is_accepted()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. """{ "a": 1 }"""u8];

        var result = ConfigFileReader.Read(content, Json, ConfigImportOptions.Default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Entries(("a", "1")), result.Entries);
    }

    [Fact]
    public void Comments_and_trailing_commas_pass()
    {
        const string Text = """
            {
              // a line comment
              "a": 1, /* a block comment */
              "b": [1, 2,],
            }
            """;

        var entries = ReadEntries(Text, Json);

        Assert.Equal(Entries(("a", "1"), ("b:0", "1"), ("b:1", "2")), entries);
    }

    [Theory]
    [InlineData("""[ { "a": 1 } ]""", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void Top_level_non_object_is_rejected(string text, string kind)
    {
        var error = ReadError(text, Json);

        Assert.Contains($"top level of the JSON file is {kind}", error);
        Assert.Contains("must be an object", error);
    }

    [Fact]
    public void Duplicate_property_names_are_rejected()
    {
        var error = ReadError("""{ "a": { "b": 1, "b": 2 } }""", Json);

        Assert.Contains("'a:b' is defined twice", error);
    }

    [Fact]
    public void Duplicate_sections_are_rejected()
    {
        var error = ReadError("""{ "a": { "b": 1 }, "a": { "c": 2 } }""", Json);

        Assert.Contains("'a' is defined twice", error);
    }

    [Fact]
    public void Colon_key_beside_nested_key_collides()
    {
        var error = ReadError("""{ "a:b": 1, "a": { "b": 2 } }""", Json);

        Assert.Contains("'a:b' is defined twice", error);
    }

    [Fact]
    public void Syntax_error_names_line()
    {
        var error = ReadError("{\n  \"a\": 1\n  \"b\": 2\n}", Json);

        Assert.StartsWith("The file is not valid JSON at line 3", error);
        Assert.DoesNotContain("LineNumber", error);
    }

    [Fact]
    public void Invalid_UTF8_in_string_is_rejected()
    {
        byte[] content = [.. "{ \"a\": \"x"u8, 0xB4, .. "\" }"u8];

        var result = ConfigFileReader.Read(content, Json, ConfigImportOptions.Default);

        const string Expected = "The file is not valid UTF-8 text at byte 10; save it as UTF-8.";
        Assert.Equal(Expected, result.Error);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        var error = ReadError("", Json);

        Assert.Equal("The file is empty.", error);
    }

    [Fact]
    public void Document_option_is_rejected()
    {
        var error = ReadError("""{ "a": 1 }""", Json, document: 1);

        Assert.Contains("only to YAML", error);
    }
}
