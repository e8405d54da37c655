using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansConfig.Api.Formats;

/// <summary>Helpers that produce and inspect raw JSON text without changing its bytes.</summary>
internal static partial class JsonText
{
    // The number grammar of RFC 8259; \z rather than $, which would also match before a final \n.
    private const string NumberPattern = @"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\z";

    /// <summary>
    /// Encodes <paramref name="value"/> as a JSON string literal. It escapes quotes, backslashes,
    /// control characters and unpaired surrogates, and also U+2028 and U+2029, which YAML 1.1
    /// parsers read as line breaks.
    /// </summary>
    public static string EncodeString(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => NeedsUnicodeEscape(value, i)
                    ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)
                    : null,
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

    /// <summary>Returns whether <paramref name="text"/> is a number in the JSON grammar.</summary>
    public static bool IsNumber(string text) => NumberRegex().IsMatch(text);

    /// <summary>
    /// Returns whether <paramref name="literal"/> is one JSON string literal that denotes
    /// <paramref name="expected"/>, so it can be stored as written, escapes included.
    /// </summary>
    public static bool IsStringLiteralOf(ReadOnlySpan<char> literal, string expected)
    {
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(literal.ToArray());
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return reader.Read()
                && reader.TokenType == JsonTokenType.String
                && reader.BytesConsumed == bytes.Length
                && reader.ValueTextEquals(expected);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the whitespace between the tokens of valid JSON text, so the value fits on one
    /// line. Strings and numbers keep their exact text.
    /// </summary>
    public static string Minify(string json)
    {
        var builder = new StringBuilder(json.Length);
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
            }
            else if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }
            else
            {
                inString = c == '"';
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Replaces a raw U+0085, U+2028 or U+2029 in valid JSON text by its <c>\u</c> escape. JSON
    /// allows them unescaped, but YamlDotNet reads them as line breaks.
    /// </summary>
    public static string EscapeYamlLineBreaks(string json)
    {
        if (json.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029') < 0)
        {
            return json;
        }

        return json
            .Replace("\u0085", "\\u0085", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
            .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
    }

    private static bool NeedsUnicodeEscape(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 == value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(value[index - 1]);
        }

        return char.IsControl(c) || c is '\u2028' or '\u2029';
    }

    [GeneratedRegex(NumberPattern, RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
