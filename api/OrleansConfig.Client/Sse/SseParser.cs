using System.Globalization;
using System.Text;

namespace OrleansConfig.Client.Sse;

/// <summary>
/// Interprets the lines of an <c>text/event-stream</c> as the WHATWG HTML standard's event stream
/// section specifies: <c>field: value</c> lines with one optional space after the colon, comment lines
/// starting with a colon, a blank line that dispatches the buffered event, and the <c>event</c>,
/// <c>data</c>, <c>id</c> and <c>retry</c> fields; other fields are ignored. Lines come without
/// their terminator (CRLF, LF or CR), which <see cref="SseReader"/> removes.
/// </summary>
internal sealed class SseParser
{
    private const string DefaultEventType = "message";

    private readonly StringBuilder _data = new();
    private string _eventType = "";

    /// <summary>The last event ID buffer: the value of the latest valid <c>id</c> field.</summary>
    public string LastEventId { get; private set; } = "";

    /// <summary>Reconnection time the stream asked for with <c>retry</c>, or null.</summary>
    public TimeSpan? ReconnectionTime { get; private set; }

    /// <summary>Processes one line; returns the event that a blank line dispatches, or null.</summary>
    public SseEvent? ParseLine(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return Dispatch();
        }

        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (value.Length > 0 && value[0] == ' ')
        {
            value = value[1..];
        }

        ProcessField(field, value);

        return null;
    }

    private void ProcessField(ReadOnlySpan<char> field, ReadOnlySpan<char> value)
    {
        switch (field)
        {
            case "event":
                _eventType = value.ToString();
                break;
            case "data":
                _data.Append(value).Append('\n');
                break;
            case "id" when !value.Contains('\0'):
                LastEventId = value.ToString();
                break;
            case "retry" when IsAsciiDigits(value):
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                {
                    ReconnectionTime = TimeSpan.FromMilliseconds(milliseconds);
                }

                break;
        }
    }

    private SseEvent? Dispatch()
    {
        if (_data.Length == 0)
        {
            _eventType = "";

            return null;
        }

        // The data buffer ends with the line feed of its last data line, which is not part of the data.
        var data = _data.ToString(0, _data.Length - 1);
        var type = _eventType.Length == 0 ? DefaultEventType : _eventType;
        _data.Clear();
        _eventType = "";

        return new SseEvent(type, data, LastEventId);
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> value) =>
        !value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9');
}
