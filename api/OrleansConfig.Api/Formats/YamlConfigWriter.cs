using System.Text;

namespace OrleansConfig.Api.Formats;

/// <summary>
/// Writes a <see cref="ConfigTree"/> as block-style YAML that reads back to the same entries. A
/// string is written plain only when no YAML reader could take it for another type, and otherwise
/// as its stored JSON literal, which is also a double-quoted YAML scalar. Every other value is
/// written as its JSON text.
/// </summary>
internal static class YamlConfigWriter
{
    private const string Indent = "  ";

    public static byte[] Write(ConfigTree root, Encoding encoding)
    {
        var lines = MappingLines(root);
        if (lines.Count == 0)
        {
            return encoding.GetBytes("{}\n");
        }

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return encoding.GetBytes(builder.ToString());
    }

    private static List<string> MappingLines(ConfigTree node)
    {
        var lines = new List<string>();
        foreach (var (name, child) in node.Children)
        {
            var key = YamlPlainScalars.IsSafe(name) ? name : JsonText.EncodeString(name);
            if (child.Entry is { } entry)
            {
                lines.Add($"{key}: {FormatValue(entry)}");
                continue;
            }

            lines.Add($"{key}:");
            lines.AddRange(NodeLines(child).Select(line => Indent + line));
        }

        return lines;
    }

    private static List<string> NodeLines(ConfigTree node)
    {
        if (!node.IsArray)
        {
            return MappingLines(node);
        }

        var lines = new List<string>();
        foreach (var (_, item) in node.Children)
        {
            if (item.Entry is { } entry)
            {
                lines.Add($"- {FormatValue(entry)}");
                continue;
            }

            // The first line of a nested block shares the "- " line, as in "- name: value".
            var itemLines = NodeLines(item);
            lines.Add("- " + itemLines[0]);
            lines.AddRange(itemLines.Skip(1).Select(line => Indent + line));
        }

        return lines;
    }

    private static string FormatValue(ConfigEntry entry)
    {
        var text = StoredValue.Parse(entry).Text;
        if (text is not null && IsPlainLiteral(entry.Value, text))
        {
            return text;
        }

        // NOTE: a raw U+0085, U+2028 or U+2029 in a stored string is written as a \u escape,
        // because YamlDotNet reads it as a line break, so the value re-imports with the escape.
        return JsonText.EscapeYamlLineBreaks(JsonText.Minify(entry.Value));
    }

    // Plain only when the stored literal has no escapes, because the reader then rebuilds the
    // same literal from the plain text.
    private static bool IsPlainLiteral(string literal, string text) =>
        YamlPlainScalars.IsSafe(text)
        && literal.Length == text.Length + 2
        && literal.AsSpan(1, text.Length).SequenceEqual(text);
}
