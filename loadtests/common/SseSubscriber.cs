using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.LoadTests;

/// <summary>
/// One watch stream: reads the Server-Sent Events of <c>GET …/watch</c> and logs each change event
/// with the time its first line arrived. <see cref="Ready"/> completes with the revision of the
/// <c>ready</c> event, after which every change reaches this stream.
/// </summary>
public sealed class SseSubscriber(ApiClient api, string ns, string env, SubscriberLog log)
{
    private readonly TaskCompletionSource<long> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<long> Ready => _ready.Task;

    /// <summary>Reads the stream until <paramref name="cancellationToken"/> is cancelled; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.OpenWatchAsync(ns, env, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body, Encoding.UTF8);
            await ReadEventsAsync(reader, cancellationToken);
            log.AddError("The watch stream ended before the run did.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception exception)
        {
            log.AddError($"Watch stream failed: {exception.Message}");
        }
        finally
        {
            _ready.TrySetException(new InvalidOperationException($"{log.Name} ended before its ready event."));
        }
    }

    /// <summary>Parses events: field lines up to a blank line; lines starting with ':' are comments.</summary>
    private async Task ReadEventsAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        var data = new StringBuilder();
        long arrived = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                Dispatch(type, data.ToString(), arrived);
                type = null;
                data.Clear();
                arrived = 0;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            if (arrived == 0)
            {
                arrived = Stopwatch.GetTimestamp();
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line["data:".Length..].TrimStart(' '));
            }
        }
    }

    private void Dispatch(string? type, string data, long arrived)
    {
        if (type is null)
        {
            return;
        }

        if (type is not ("ready" or "change"))
        {
            // resync, or error before the server ends the stream: either fails the delivery check.
            log.AddError($"Unexpected '{type}' event: {data}");
            return;
        }

        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var revision = root.GetProperty("revision").GetInt64();
        if (type == "ready")
        {
            log.StartRevision = revision;
            _ready.TrySetResult(revision);
            return;
        }

        log.Add(new Receipt(revision, BenchValue.ReadSequence(root.GetProperty("value")), arrived));
    }
}
