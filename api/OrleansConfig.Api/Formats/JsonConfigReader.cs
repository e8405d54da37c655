using System.Globalization;
using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Formats;

/// <summary>Flattens JSON into entries the way .NET configuration reads appsettings.json.</summary>
internal static class JsonConfigReader
{
    // The options of Microsoft.Extensions.Configuration.Json: comments and trailing commas pass.
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads valid UTF-8 with any byte-order mark already removed.</summary>
    /// <param name="valueKeys">Normalized keys whose object or array is one value.</param>
    public static IReadOnlyList<ConfigEntry> Read(
        ReadOnlySpan<byte> content, IReadOnlySet<string> valueKeys)
    {
        var (parsed, problem) = JsonInput.Parse(content.ToArray(), s_documentOptions);
        if (parsed is not { } document)
        {
            throw new ConfigFileException("The file " + problem);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigFileException(
                    $"The top level of the JSON file is {Describe(root.ValueKind)}; the file "
                    + "must be an object whose properties are the configuration keys.");
            }

            var collector = new ConfigEntryCollector(valueKeys);
            AddObject(collector, root, parent: null);

            return collector.Entries;
        }
    }

    private static void AddObject(
        ConfigEntryCollector collector, JsonElement element, string? parent)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var key = ConfigEntryCollector.Join(parent, property.Name);
            if (!names.Add(property.Name))
            {
                throw new ConfigFileException(
                    $"The key '{key}' is defined twice in the same JSON object; remove one of "
                    + "them.");
            }

            AddValue(collector, property.Value, key);
        }
    }

    private static void AddValue(ConfigEntryCollector collector, JsonElement element, string key)
    {
        if (element.ValueKind is JsonValueKind.Object or JsonValueKind.Array && collector.IsValueKey(key))
        {
            collector.Add(key, element.GetRawText());
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                AddObject(collector, element, key);
                break;
            case JsonValueKind.Object:
                collector.Add(key, "{}");
                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                AddArray(collector, element, key);
                break;
            case JsonValueKind.Array:
                collector.Add(key, "[]");
                break;
            default:
                collector.Add(key, element.GetRawText());
                break;
        }
    }

    private static void AddArray(ConfigEntryCollector collector, JsonElement element, string key)
    {
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemName = index.ToString(CultureInfo.InvariantCulture);
            AddValue(collector, item, ConfigEntryCollector.Join(key, itemName));
            index++;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
