using System.Text.Json;

namespace OrleansConfig.Configuration;

/// <summary>Writes snapshot entries as the JSON array of the environment snapshot response.</summary>
internal static class SnapshotJson
{
    public static byte[] Write(IReadOnlyList<SnapshotEntry> entries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(256, entries.Count * 128));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("key", entry.Key);
                writer.WritePropertyName("value");
                writer.WriteRawValue(entry.Value, skipInputValidation: true);
                writer.WriteNumber("version", entry.Version);
                writer.WriteString("updatedAt", entry.UpdatedAt);
                writer.WriteString("author", entry.Author);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
