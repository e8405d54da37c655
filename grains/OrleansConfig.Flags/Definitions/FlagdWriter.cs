using System.Text;
using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>Writes flag definitions back in the flagd format, <c>$ref</c>s and unknown members included.</summary>
public static class FlagdWriter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a whole flagd file.</summary>
    public static string WriteFlagSet(FlagSetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);

        return Write(writer =>
        {
            writer.WriteStartObject();
            if (definition.Schema is not null)
            {
                writer.WriteString("$schema", definition.Schema);
            }

            writer.WriteStartObject("flags");
            foreach (var (key, flag) in definition.Flags)
            {
                writer.WritePropertyName(key);
                WriteFlag(writer, flag);
            }

            writer.WriteEndObject();
            WriteMembers(writer, "$evaluators", definition.Evaluators);
            WriteMembers(writer, "metadata", definition.Metadata);
            WriteProperties(writer, definition.AdditionalProperties);
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes one flag definition object.</summary>
    public static string WriteFlag(FlagDefinition flag)
    {
        ArgumentNullException.ThrowIfNull(flag);

        return Write(writer => WriteFlag(writer, flag));
    }

    private static void WriteFlag(Utf8JsonWriter writer, FlagDefinition flag)
    {
        writer.WriteStartObject();
        writer.WriteString("state", flag.State == FlagState.Enabled ? "ENABLED" : "DISABLED");
        writer.WriteStartObject("variants");
        WriteProperties(writer, flag.Variants);
        writer.WriteEndObject();
        if (flag.DefaultVariant is not null)
        {
            writer.WriteString("defaultVariant", flag.DefaultVariant);
        }
        else if (flag.HasExplicitNullDefaultVariant)
        {
            writer.WriteNull("defaultVariant");
        }

        if (flag.Targeting is { } targeting)
        {
            writer.WritePropertyName("targeting");
            targeting.WriteTo(writer);
        }

        WriteMembers(writer, "metadata", flag.Metadata);
        WriteProperties(writer, flag.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, string name,
        IReadOnlyDictionary<string, JsonElement> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        WriteProperties(writer, members);
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
