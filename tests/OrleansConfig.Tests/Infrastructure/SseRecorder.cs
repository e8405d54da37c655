using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>One Server-Sent Event as received: its id, type and data lines joined with line feeds.</summary>
public sealed record SseEvent(string? Id, string Type, string Data)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Data);
}

/// <summary>
/// Reads a watch stream in the background and records every event, the way a subscriber would, so a
/// test can check order, gaps and repeats afterwards.
/// </summary>
public sealed class SseRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<SseEvent> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private Task _reading = Task.CompletedTask;

    private SseRecorder(Uri address, string? key)
    {
        _http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(key))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public IReadOnlyList<SseEvent> Events => [.. _events];

    /// <summary>Revisions of the change events received, in arrival order.</summary>
    public IReadOnlyList<long> ChangeRevisions =>
        [.. _events.Where(e => e.Type == "change")
            .Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture))];

    public int Heartbeats { get; private set; }

    /// <summary>True once the stream ended or failed, with the reason in <see cref="Error"/>.</summary>
    public bool Ended => _reading.IsCompleted;

    public Exception? Error { get; private set; }

    /// <summary>Opens <paramref name="path"/> and returns once the response headers arrived.</summary>
    public static async Task<SseRecorder> StartAsync(Uri address, string? key, string path, string? lastEventId = null)
    {
        var recorder = new SseRecorder(address, key);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await recorder._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"watch answered {(int)response.StatusCode}: {body}");
        }

        recorder._reading = recorder.ReadAsync(response);

        return recorder;
    }

    /// <summary>Waits until a change event with <paramref name="revision"/> or later has arrived.</summary>
    public async Task WaitForRevisionAsync(long revision, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LastRevision() < revision)
        {
            if (DateTime.UtcNow > deadline || Ended)
            {
                throw new TimeoutException($"revision {revision} not received within {timeout}; last "
                    + $"{LastRevision()}, ended: {Ended}, error: {Error?.Message}");
            }

            await Task.Delay(20);
        }
    }

    public async Task WaitForAsync(Func<IReadOnlyList<SseEvent>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Events))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}; events: {Events.Count}");
            }

            await Task.Delay(20);
        }
    }

    public long LastRevision()
    {
        var revisions = ChangeRevisions;

        return revisions.Count == 0 ? -1 : revisions[^1];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception exception)
            when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
            // Stopped on purpose.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using (response)
            await using (var stream = await response.Content.ReadAsStreamAsync(_stop.Token))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                string? id = null;
                string type = "message";
                var data = new StringBuilder();
                var hasData = false;
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (hasData)
                        {
                            _events.Enqueue(new SseEvent(id, type, data.ToString()));
                        }

                        id = null;
                        type = "message";
                        data.Clear();
                        hasData = false;
                        continue;
                    }

                    if (line[0] == ':')
                    {
                        Heartbeats++;
                        continue;
                    }

                    var colon = line.IndexOf(':');
                    var field = colon < 0 ? line : line[..colon];
                    var value = colon < 0 ? "" : line[(colon + 1)..];
                    value = value.StartsWith(' ') ? value[1..] : value;
                    switch (field)
                    {
                        case "id":
                            id = value;
                            break;
                        case "event":
                            type = value;
                            break;
                        case "data":
                            if (hasData)
                            {
                                data.Append('\n');
                            }

                            data.Append(value);
                            hasData = true;
                            break;
                    }
                }
            }
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested)
        {
            Error = exception;
        }
    }
}
