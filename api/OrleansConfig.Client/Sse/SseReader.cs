using System.Runtime.CompilerServices;
using System.Text;

namespace OrleansConfig.Client.Sse;

/// <summary>
/// Reads server-sent events from a UTF-8 stream. A leading byte order mark is skipped, and a line
/// ends at CRLF, LF or CR, as the WHATWG event stream format allows. An event not closed by a blank
/// line when the stream ends is discarded.
/// </summary>
internal sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader =
        new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
    private readonly SseParser _parser = new();

    /// <summary>Called for every line read, comments included, so a caller can watch the stream's liveness.</summary>
    public Action? LineRead { get; init; }

    public TimeSpan? ReconnectionTime => _parser.ReconnectionTime;

    public async IAsyncEnumerable<SseEvent> ReadEventsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            LineRead?.Invoke();
            if (first && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }

            first = false;
            if (_parser.ParseLine(line) is { } sseEvent)
            {
                yield return sseEvent;
            }
        }
    }
}
