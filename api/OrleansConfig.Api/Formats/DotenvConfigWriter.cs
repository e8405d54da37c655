using System.Text;
using System.Text.Json;

namespace OrleansConfig.Api.Formats;

/// <summary>Writes entries as <c>KEY=value</c> lines in entry order.</summary>
internal static class DotenvConfigWriter
{
    private const string UnquotedSymbols = "_./:@,+-";

    public static string Write(IReadOnlyList<ConfigEntry> entries)
    {
        var builder = new StringBuilder();
        foreach (var entry in entries)
        {
            var value = StoredValue.Parse(entry);
            var text = value.Text is { } decoded ? Quote(decoded) : JsonText.Minify(entry.Value);
            builder.Append(entry.Key).Append('=').Append(text).Append('\n');
        }

        return builder.ToString();
    }

    // Quotes a string unless it is made only of characters that no dotenv reader treats specially.
    private static string Quote(string text)
    {
        if (text.Length > 0 && text.All(IsUnquotedCharacter))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            var escape = c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => null,
            };
            if (escape is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(escape);
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool IsUnquotedCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || UnquotedSymbols.Contains(c);
}
