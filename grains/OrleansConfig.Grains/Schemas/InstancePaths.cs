using System.Text;
using System.Text.Json;

namespace OrleansConfig.Schemas;

/// <summary>Turns the JSON Pointer of a failing part of a value into a JSONPath and finds that part.</summary>
internal static class InstancePaths
{
    /// <summary>
    /// Returns the JSONPath of <paramref name="pointer"/> in <paramref name="root"/> (<c>$</c>, <c>$.port</c>,
    /// <c>$.hosts[2]</c>, <c>$['a b']</c>) and the element there, or null when the pointer leaves the value.
    /// </summary>
    public static (string Path, JsonElement? Element) Resolve(JsonElement root, string pointer)
    {
        var path = new StringBuilder("$");
        JsonElement? current = root;
        if (pointer.Length == 0)
        {
            return (path.ToString(), current);
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(segment, out var index))
            {
                path.Append('[').Append(index).Append(']');
                current = index < array.GetArrayLength() ? array[index] : null;
                continue;
            }

            AppendProperty(path, segment);
            current = current is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(segment, out var child)
                ? child
                : null;
        }

        return (path.ToString(), current);
    }

    private static void AppendProperty(StringBuilder path, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (plain)
        {
            path.Append('.').Append(name);
            return;
        }

        path.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
    }
}
