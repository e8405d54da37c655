using System.Text.Json;
using OrleansConfig.Api.Formats;
using static OrleansConfig.Tests.Formats.TestConfigFiles;

namespace OrleansConfig.Tests.Formats;

public sealed class JsonExportTests
{
    private const ConfigFileFormat Json = ConfigFileFormat.Json;

    [Fact]
    public void Sections_rebuild_nested_objects()
    {
        var entries = Entries(("Logging:LogLevel:Default", "\"Information\""), ("Port", "8080"));

        var text = WriteText(entries, Json);

        const string Expected = """
            {
              "Logging": {
                "LogLevel": {
                  "Default": "Information"
                }
              },
              "Port": 8080
            }

            """;
        Assert.Equal(Expected, text);
    }

    [Fact]
    public void Index_sections_become_arrays()
    {
        var entries = Entries(("Items:0", "\"a\""), ("Items:1:Name", "\"b\""));

        var text = WriteText(entries, Json);

        const string Expected = """
            {
              "Items": [
                "a",
                {
                  "Name": "b"
                }
              ]
            }

            """;
        Assert.Equal(Expected, text);
    }

    [Fact]
    public void Array_items_follow_index_order()
    {
        var entries = Enumerable.Range(0, 11)
            .Select(i => new ConfigEntry($"List:{i}", $"{i}"))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .ToArray();

        var text = WriteText(entries, Json);

        using var document = JsonDocument.Parse(text);
        var items = document.RootElement.GetProperty("List").EnumerateArray();
        Assert.Equal(Enumerable.Range(0, 11), items.Select(item => item.GetInt32()));
    }

    [Theory]
    [InlineData("0", "2")]
    [InlineData("1", "2")]
    [InlineData("00", "1")]
    [InlineData("0", "x")]
    public void Gapped_indexes_stay_objects(string first, string second)
    {
        var entries = Entries(($"Map:{first}", "1"), ($"Map:{second}", "2"));

        var text = WriteText(entries, Json);

        Assert.Contains("\"Map\": {", text);
    }

    [Fact]
    public void Top_level_indexes_stay_object()
    {
        var text = WriteText(Entries(("0", "1"), ("1", "2")), Json);

        Assert.StartsWith("{", text);
    }

    [Fact]
    public void Values_are_written_raw()
    {
        var entries = Entries(
            ("big", "9007199254740993"), ("tiny", "0.1"), ("huge", "1e400"), ("e", "\"\\u00e9\""));

        var text = WriteText(entries, Json);

        Assert.Contains("\"big\": 9007199254740993,", text);
        Assert.Contains("\"tiny\": 0.1,", text);
        Assert.Contains("\"huge\": 1e400,", text);
        Assert.Contains("\"e\": \"\\u00e9\"", text);
    }

    [Fact]
    public void Output_has_no_byte_order_mark()
    {
        var result = ConfigFileWriter.Write(Entries(("a", "\"\u00e9\"")), Json);

        Assert.Equal((byte)'{', result.Content[0]);
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json)]
    [InlineData(ConfigFileFormat.Yaml)]
    public void Leaf_and_parent_names_both(ConfigFileFormat format)
    {
        var result = ConfigFileWriter.Write(Entries(("a", "1"), ("a:b", "2")), format);

        Assert.False(result.Succeeded);
        Assert.Contains("The key 'a' has a value and is also the parent of 'a:b'", result.Error);
        Assert.Empty(result.Content);
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json)]
    [InlineData(ConfigFileFormat.Yaml)]
    public void Parent_then_leaf_names_both(ConfigFileFormat format)
    {
        var result = ConfigFileWriter.Write(Entries(("a:b:c", "2"), ("a", "1")), format);

        Assert.Contains("The key 'a' has a value and is also the parent of 'a:b:c'", result.Error);
    }

    [Theory]
    [InlineData(ConfigFileFormat.Json)]
    [InlineData(ConfigFileFormat.Yaml)]
    [InlineData(ConfigFileFormat.Dotenv)]
    public void Invalid_value_is_rejected(ConfigFileFormat format)
    {
        var result = ConfigFileWriter.Write(Entries(("ok", "1"), ("broken", "not json")), format);

        Assert.Equal("The value of key 'broken' is not valid JSON text.", result.Error);
    }

    [Fact]
    public void Empty_entries_give_empty_object()
    {
        Assert.Equal("{}\n", WriteText([], Json));
    }
}
