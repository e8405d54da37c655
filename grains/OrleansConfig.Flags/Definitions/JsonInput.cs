using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansConfig.Flags;

/// <summary>
/// Parser for JSON that callers send. It skips a UTF-8 byte-order mark. A failure is described by a
/// one-based line and byte, the first byte that is not UTF-8, a duplicate member or an unpaired surrogate
/// escape with its path, or the nesting limit.
/// </summary>
public static class JsonInput
{
    /// <summary>The nesting depth used when <see cref="JsonDocumentOptions.MaxDepth"/> is 0.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>
    /// Parses <paramref name="utf8"/> with <paramref name="options"/>. Returns the document, or null and
    /// a phrase that completes a sentence whose subject is the text, such as "is not valid JSON at
    /// line 2, byte 5: …". The document keeps a reference to <paramref name="utf8"/>.
    /// </summary>
    public static (JsonDocument? Document, string? Problem) Parse(
        ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        var skipped = 0;
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            (utf8, skipped) = (utf8[3..], 3);
        }

        if (utf8.IsEmpty)
        {
            return (null, "is empty.");
        }

        // The parser checks UTF-8 only where it reads a value, so text inside strings is checked here.
        if (InvalidUtf8Offset(utf8.Span) is { } invalid)
        {
            return (null, $"is not valid UTF-8 at byte {skipped + invalid + 1}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, options);
        }
        catch (JsonException exception)
        {
            return (null, Describe(utf8, options, exception));
        }
        catch (InvalidOperationException) when (!options.AllowDuplicateProperties)
        {
            // The duplicate check decodes member names, which fails on an unpaired surrogate escape.
            options.AllowDuplicateProperties = true;
            var (lenient, problem) = Parse(utf8, options);
            lenient?.Dispose();

            return (null, problem ?? "has a member name that cannot be decoded.");
        }

        // Strings are decoded only when read, so an escape such as \ud800 alone is found here.
        if (utf8.Span.IndexOf("\\u"u8) >= 0 && UnpairedSurrogateAt(document.RootElement, JsonPath.Root) is { } path)
        {
            document.Dispose();

            return (null, $"has an unpaired UTF-16 surrogate escape (such as \\ud800 alone) at {path}; write "
                + "characters beyond U+FFFF as a surrogate pair (\\ud83d\\ude00) or as UTF-8.");
        }

        return (document, null);
    }

    /// <summary>Names the kind of a JSON value with its article, such as "an object" or "null".</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Parses text that has already been decoded; see the UTF-8 overload.</summary>
    public static (JsonDocument? Document, string? Problem) Parse(string text, JsonDocumentOptions options) =>
        Parse(Encoding.UTF8.GetBytes(text), options);

    /// <summary>
    /// Describes a syntax error as " at line L, byte B: reason" with one-based numbers, or ": reason"
    /// when the position is unknown. The parser's zero-based position suffix is left out.
    /// </summary>
    public static string DescribeSyntaxError(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                message = message[..index];
            }
        }

        message = message.TrimEnd();
        if (!message.EndsWith('.'))
        {
            message += ".";
        }

        return exception.LineNumber is { } line && exception.BytePositionInLine is { } column
            ? $" at line {line + 1}, byte {column + 1}: {message}"
            : $": {message}";
    }

    /// <summary>Returns the path of the first string or member name that does not decode, if any.</summary>
    private static string? UnpairedSurrogateAt(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnpairedSurrogateAt(item, JsonPath.Index(path, index++)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (!Decodes(() => member.Name))
                    {
                        return $"a member name of the object at {path}";
                    }

                    if (UnpairedSurrogateAt(member.Value, JsonPath.Member(path, member.Name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Returns the zero-based offset of the first byte that is not valid UTF-8, or null.</summary>
    public static int? InvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return null;
        }

        Utf8.ToUtf16(utf8, new char[utf8.Length], out var read, out _, replaceInvalidSequences: false);

        return read;
    }

    private static string Describe(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options, JsonException exception)
    {
        var maxDepth = options.MaxDepth == 0 ? DefaultMaxDepth : options.MaxDepth;
        if (DepthExceededAt(utf8.Span, options, maxDepth) is { } offset)
        {
            return $"is nested more than {maxDepth} levels deep at byte {offset + 1}; "
                + $"the maximum is {maxDepth} levels of objects and arrays.";
        }

        if (!options.AllowDuplicateProperties && RepeatedMember(utf8, options) is { } repeated)
        {
            return $"has a duplicate member '{repeated.Name}' in the object at {repeated.Path}; "
                + "keep one of them, because a member name may appear once per object.";
        }

        return "is not valid JSON" + DescribeSyntaxError(exception);
    }

    /// <summary>Returns the offset of the first object or array nested past the limit, if any.</summary>
    private static long? DepthExceededAt(ReadOnlySpan<byte> utf8, JsonDocumentOptions options, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth + 1,
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                    && reader.CurrentDepth >= maxDepth)
                {
                    return reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
            // The text has a syntax error before the limit, which the caller describes.
        }

        return null;
    }

    /// <summary>Finds the first duplicate member name, reading the text again with duplicates allowed.</summary>
    private static (string Name, string Path)? RepeatedMember(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        options.AllowDuplicateProperties = true;
        try
        {
            using var document = JsonDocument.Parse(utf8, options);

            return RepeatedMember(document.RootElement, JsonPath.Root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string Name, string Path)? RepeatedMember(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (RepeatedMember(item, JsonPath.Index(path, index++)) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!names.Add(member.Name))
            {
                return (member.Name, path);
            }
        }

        foreach (var member in element.EnumerateObject())
        {
            if (RepeatedMember(member.Value, JsonPath.Member(path, member.Name)) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
