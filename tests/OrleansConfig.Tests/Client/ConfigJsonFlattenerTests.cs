using System.Text;
using Microsoft.Extensions.Configuration;
using OrleansConfig.Client.State;

namespace OrleansConfig.Tests.Client;

/// <summary>Stored JSON values as configuration entries, compared with Microsoft's JSON provider.</summary>
public sealed class ConfigJsonFlattenerTests
{
    public static TheoryData<string> Values => new()
    {
        "\"text\"",
        "\"caf\\u00e9 \\\"quoted\\\"\\n\"",
        "\"\"",
        "42",
        "9007199254740993",
        "0.10",
        "1e400",
        "-0",
        "true",
        "false",
        "null",
        "{}",
        "[]",
        "{\"Host\": \"db\", \"Port\": 5432, \"Tls\": {\"Enabled\": true}}",
        "[1, \"two\", {\"three\": 3}, [4, 5], null]",
        "{\"Empty\": {}, \"None\": [], \"Nested\": {\"Deeper\": {}}}",
        "[{}, []]",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Flatten_MatchesJsonConfigurationProvider(string valueJson)
    {
        var expected = ReadWithJsonProvider("Section:Key", valueJson);
        var actual = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        ConfigJsonFlattener.Flatten("Section:Key", valueJson, actual);

        Assert.Equal(
            expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Flatten_KeepsNumberTextExactly()
    {
        var data = new Dictionary<string, string?>();

        ConfigJsonFlattener.Flatten("Big", "9007199254740993", data);

        Assert.Equal("9007199254740993", data["Big"]);
    }

    [Fact]
    public void Flatten_NullValueIsNullEntry()
    {
        var data = new Dictionary<string, string?>();

        ConfigJsonFlattener.Flatten("Missing", "null", data);

        Assert.True(data.ContainsKey("Missing"));
        Assert.Null(data["Missing"]);
    }

    [Fact]
    public void Flatten_EmptyKeyTakesChildrenAtTop()
    {
        var data = new Dictionary<string, string?>();

        ConfigJsonFlattener.Flatten("", "{\"a\": 1, \"b\": [true]}", data);

        Assert.Equal("1", data["a"]);
        Assert.Equal("True", data["b:0"]);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void Flatten_EmptyKeyDropsScalar()
    {
        var data = new Dictionary<string, string?>();

        ConfigJsonFlattener.Flatten("", "\"alone\"", data);

        Assert.Empty(data);
    }

    /// <summary>Loads <c>{key: value}</c> through the JSON configuration provider and returns its entries.</summary>
    private static Dictionary<string, string?> ReadWithJsonProvider(string key, string valueJson)
    {
        var document = $"{{\"{key}\": {valueJson}}}";
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(document))).Build();
        var provider = root.Providers.Single();
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Collect(provider, null, entries);

        return entries;
    }

    private static void Collect(IConfigurationProvider provider, string? parent, Dictionary<string, string?> entries)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : parent + ":" + child;
            if (provider.TryGet(path, out var value))
            {
                entries[path] = value;
            }

            Collect(provider, path, entries);
        }
    }
}
