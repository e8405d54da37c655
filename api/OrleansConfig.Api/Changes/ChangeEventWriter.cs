using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConfig.Changes;

namespace OrleansConfig.Api.Changes;

/// <summary>
/// Writes Server-Sent Events: <c>change</c> events with the revision as id, <c>ready</c>, <c>resync</c>
/// and heartbeat comments. A value is written as the JSON text it was stored as; where that text spans
/// lines, each line becomes a <c>data:</c> line, which a reader joins back with line feeds.
/// </summary>
public static class ChangeEventWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Heartbeat { get; } = ": heartbeat\n\n"u8.ToArray();

    public static void WriteChange(IBufferWriter<byte> output, ChangeEvent change)
    {
        var data = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(data, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("revision", change.Revision);
            json.WriteString("kind", ChangeEventKinds.Name(change.Kind));
            json.WriteString("key", change.Key);
            json.WriteNumber("version", change.Version);
            json.WritePropertyName("value");
            if (change.Value is null || change.Kind == ChangeKind.Secret)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(change.Value, skipInputValidation: true);
            }

            json.WriteBoolean("deleted", change.Deleted);
            json.WriteString("actor", change.Actor);
            json.WriteString("time", change.Time.ToUniversalTime());
            if (change.Comment is null)
            {
                json.WriteNull("comment");
            }
            else
            {
                json.WriteString("comment", change.Comment);
            }

            if (change.RolledBackFrom is int from)
            {
                json.WriteNumber("rolledBackFrom", from);
            }
            else
            {
                json.WriteNull("rolledBackFrom");
            }

            if (change.Action is not null)
            {
                json.WriteString("action", change.Action);
            }

            if (change.ChangeSet is not null)
            {
                json.WriteString("changeSet", change.ChangeSet);
            }

            json.WriteEndObject();
        }

        Write(output, "id: " + change.Revision.ToString(CultureInfo.InvariantCulture) + "\nevent: change\n");
        WriteData(output, data.WrittenSpan);
    }

    public static void WriteReady(IBufferWriter<byte> output, long revision) =>
        Write(output, $"event: ready\ndata: {{\"revision\":{revision.ToString(CultureInfo.InvariantCulture)}}}\n\n");

    public static void WriteResync(IBufferWriter<byte> output, long revision, long firstRetained) =>
        Write(output, "id: " + revision.ToString(CultureInfo.InvariantCulture) + "\nevent: resync\ndata: {\"revision\":"
            + revision.ToString(CultureInfo.InvariantCulture) + ",\"firstRetained\":"
            + firstRetained.ToString(CultureInfo.InvariantCulture) + "}\n\n");

    /// <summary>Writes an <c>error</c> event, after which the server ends the stream.</summary>
    public static void WriteError(IBufferWriter<byte> output, int status, string detail)
    {
        var data = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(data))
        {
            json.WriteStartObject();
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        Write(output, "event: error\n");
        WriteData(output, data.WrittenSpan);
    }

    /// <summary>Writes <paramref name="json"/> as data lines, splitting at CR, LF and CRLF.</summary>
    private static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<byte> json)
    {
        while (true)
        {
            output.Write("data: "u8);
            var end = json.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                output.Write(json);
                output.Write("\n\n"u8);

                return;
            }

            output.Write(json[..end]);
            output.Write("\n"u8);
            var skip = json[end] == '\r' && end + 1 < json.Length && json[end + 1] == '\n' ? 2 : 1;
            json = json[(end + skip)..];
        }
    }

    private static void Write(IBufferWriter<byte> output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
