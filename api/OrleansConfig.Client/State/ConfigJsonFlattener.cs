using System.Globalization;
using System.Text.Json;

namespace OrleansConfig.Client.State;

/// <summary>
/// Turns one stored JSON value into configuration entries the way the JSON configuration provider of
/// Microsoft.Extensions.Configuration (10.0) reads a file: a string is its text, a number its JSON
/// text, <c>true</c> and <c>false</c> are <c>True</c> and <c>False</c>, null is null, an object or
/// array becomes children (<c>Key:name</c>, <c>Key:0</c>), an empty object is null and an empty
/// array is the empty string.
/// </summary>
internal static class ConfigJsonFlattener
{
    /// <summary>
    /// Adds the entries of <paramref name="valueJson"/> under <paramref name="key"/> to
    /// <paramref name="target"/>, replacing entries of the same name. An empty key takes an object's
    /// or array's children at the top level and drops a scalar.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="valueJson"/> is not one JSON value.</exception>
    public static void Flatten(string key, string valueJson, IDictionary<string, string?> target)
    {
        using var document = JsonDocument.Parse(valueJson);
        Visit(key, document.RootElement, target);
    }

    private static void Visit(string path, JsonElement element, IDictionary<string, string?> target)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var hasProperties = false;
                foreach (var property in element.EnumerateObject())
                {
                    hasProperties = true;
                    Visit(Child(path, property.Name), property.Value, target);
                }

                SetIfEmpty(path, hasProperties, null, target);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(Child(path, index.ToString(CultureInfo.InvariantCulture)), item, target);
                    index++;
                }

                SetIfEmpty(path, index > 0, "", target);
                break;
            default:
                SetScalar(path, element, target);
                break;
        }
    }

    private static void SetScalar(string path, JsonElement element, IDictionary<string, string?> target)
    {
        if (path.Length == 0)
        {
            return;
        }

        target[path] = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => bool.TrueString,
            JsonValueKind.False => bool.FalseString,
            JsonValueKind.Null => null,
            _ => element.GetRawText(),
        };
    }

    private static void SetIfEmpty(
        string path, bool hasChildren, string? emptyValue, IDictionary<string, string?> target)
    {
        if (!hasChildren && path.Length > 0)
        {
            target[path] = emptyValue;
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : path + ":" + name;
}
