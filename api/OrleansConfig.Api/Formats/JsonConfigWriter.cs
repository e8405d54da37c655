using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansConfig.Api.Formats;

/// <summary>Writes a <see cref="ConfigTree"/> as an indented JSON object with raw values.</summary>
internal static class JsonConfigWriter
{
    private const int IndentSize = 2;

    // Keys are ASCII, so the relaxed encoder only keeps a non-ASCII key readable; values are raw.
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = true,
        IndentSize = IndentSize,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(ConfigTree root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteObject(writer, root);
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static void WriteNode(Utf8JsonWriter writer, ConfigTree node, bool isArrayItem)
    {
        if (node.Entry is { } entry)
        {
            WriteValue(writer, entry, isArrayItem);
        }
        else if (node.IsArray)
        {
            writer.WriteStartArray();
            foreach (var (_, child) in node.Children)
            {
                WriteNode(writer, child, isArrayItem: true);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteObject(writer, node);
        }
    }

    // The root is always an object, even when its keys are 0 to n-1, because an import needs one.
    private static void WriteObject(Utf8JsonWriter writer, ConfigTree node)
    {
        writer.WriteStartObject();
        foreach (var (name, child) in node.Children)
        {
            writer.WritePropertyName(name);
            WriteNode(writer, child, isArrayItem: false);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ConfigEntry entry, bool isArrayItem)
    {
        // WriteRawValue checks that the text is one JSON value and copies it byte for byte, but it
        // writes no line break or indentation, so an array item gets them as leading whitespace.
        var text = isArrayItem
            ? "\n" + new string(' ', writer.CurrentDepth * IndentSize) + entry.Value
            : entry.Value;
        try
        {
            writer.WriteRawValue(text);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new ConfigFileException(
                $"The value of key '{entry.Key}' is not valid JSON text.");
        }
    }
}
