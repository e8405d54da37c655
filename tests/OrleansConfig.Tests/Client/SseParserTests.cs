using System.Text;
using OrleansConfig.Client.Sse;

namespace OrleansConfig.Tests.Client;

/// <summary>The event stream parser against the WHATWG event stream rules.</summary>
public sealed class SseParserTests
{
    [Fact]
    public async Task Parser_ReadsFieldsOfOneEvent()
    {
        var events = await ReadAsync("id: 43\nevent: change\ndata: {\"revision\":43}\n\n");

        var single = Assert.Single(events);
        Assert.Equal("change", single.EventType);
        Assert.Equal("{\"revision\":43}", single.Data);
        Assert.Equal("43", single.LastEventId);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Parser_AcceptsEveryLineEnding(string newline)
    {
        var text = $"event: a{newline}data: 1{newline}{newline}data: 2{newline}{newline}";

        var events = await ReadAsync(text);

        Assert.Equal(["a", "message"], events.Select(e => e.EventType));
        Assert.Equal(["1", "2"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task Parser_JoinsDataLinesWithLineFeeds()
    {
        var events = await ReadAsync("data: {\r\ndata:   \"a\": 1\r\ndata: }\r\n\r\n");

        Assert.Equal("{\n  \"a\": 1\n}", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Parser_IgnoresCommentsAndUnknownFields()
    {
        var events = await ReadAsync(": heartbeat\n\n:another\nfoo: bar\ndata: x\n: inside\n\n");

        var single = Assert.Single(events);
        Assert.Equal("x", single.Data);
        Assert.Equal("message", single.EventType);
    }

    [Fact]
    public async Task Parser_RemovesOnlyOneLeadingSpace()
    {
        var events = await ReadAsync("data:no-space\n\ndata:  two\n\n");

        Assert.Equal(["no-space", " two"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task Parser_FieldWithoutColonHasEmptyValue()
    {
        var events = await ReadAsync("data\ndata\n\n");

        Assert.Equal("\n", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Parser_BlankLineWithoutDataDispatchesNothing()
    {
        var events = await ReadAsync("event: ready\n\ndata: after\n\n");

        var single = Assert.Single(events);
        Assert.Equal("message", single.EventType);
    }

    [Fact]
    public async Task Parser_LastEventIdPersistsAcrossEvents()
    {
        var events = await ReadAsync("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");

        Assert.Equal(["7", "7", ""], events.Select(e => e.LastEventId));
    }

    [Fact]
    public async Task Parser_IgnoresIdContainingNull()
    {
        var events = await ReadAsync("id: 5\ndata: a\n\nid: 6\0\ndata: b\n\n");

        Assert.Equal(["5", "5"], events.Select(e => e.LastEventId));
    }

    [Fact]
    public void Parser_ReadsRetryOfDigitsOnly()
    {
        var parser = new SseParser();

        parser.ParseLine("retry: 2500");
        var afterDigits = parser.ReconnectionTime;
        parser.ParseLine("retry: 10s");

        Assert.Equal(TimeSpan.FromMilliseconds(2500), afterDigits);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parser.ReconnectionTime);
    }

    [Fact]
    public async Task Parser_DiscardsUnterminatedLastEvent()
    {
        var events = await ReadAsync("data: complete\n\ndata: cut off");

        Assert.Equal("complete", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Reader_SkipsByteOrderMark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("data: x\n\n")).ToArray();

        var events = await ReadAsync(bytes);

        Assert.Equal("x", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Reader_JoinsCrLfSplitAcrossReads()
    {
        var bytes = Encoding.UTF8.GetBytes("data: a\r\n\r\ndata: b\r\n\r\n");
        await using var stream = new OneByteStream(bytes);

        var events = await ReadAsync(stream);

        Assert.Equal(["a", "b"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task Reader_ReportsEveryLineRead()
    {
        var lines = 0;
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(": heartbeat\n\n: heartbeat\n\n"));
        var reader = new SseReader(stream) { LineRead = () => lines++ };

        await foreach (var _ in reader.ReadEventsAsync(CancellationToken.None))
        {
        }

        Assert.Equal(4, lines);
    }

    private static Task<List<SseEvent>> ReadAsync(string text) => ReadAsync(Encoding.UTF8.GetBytes(text));

    private static async Task<List<SseEvent>> ReadAsync(byte[] bytes)
    {
        await using var stream = new MemoryStream(bytes);

        return await ReadAsync(stream);
    }

    private static async Task<List<SseEvent>> ReadAsync(Stream stream)
    {
        var events = new List<SseEvent>();
        await foreach (var sseEvent in new SseReader(stream).ReadEventsAsync(CancellationToken.None))
        {
            events.Add(sseEvent);
        }

        return events;
    }

    /// <summary>Returns one byte per read, as a slow network would, so a CRLF arrives in two reads.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);

        public override Task<int> ReadAsync(
            byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
