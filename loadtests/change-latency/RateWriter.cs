using System.Diagnostics;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// Writes <c>{"seq":N}</c> for N = 0, 1, … on a fixed schedule of <c>rate</c> writes per second,
/// rotating over <c>keyCount</c> keys. Each write starts at its scheduled time even while earlier ones
/// are still running, so a slow write does not delay the next one or hide its own latency.
/// </summary>
public sealed class RateWriter(ApiClient api, string ns, string env, int keyCount)
{
    /// <summary>Runs <paramref name="count"/> writes and returns when the last one returned.</summary>
    public async Task<WriteLog> RunAsync(int count, double rate, CancellationToken cancellationToken)
    {
        var log = new WriteLog(count);
        var writes = new List<Task>(count);
        var origin = Stopwatch.GetTimestamp();
        for (var sequence = 0; sequence < count; sequence++)
        {
            var due = origin + (long)(sequence * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            writes.Add(WriteAsync(log, sequence, cancellationToken));
        }

        await Task.WhenAll(writes);

        return log;
    }

    /// <summary>Returns the key of write <paramref name="sequence"/>: Latency:Key000, Latency:Key001, ….</summary>
    public string KeyOf(int sequence) => $"Latency:Key{sequence % keyCount:D3}";

    private async Task WriteAsync(WriteLog log, int sequence, CancellationToken cancellationToken)
    {
        var body = BenchValue.PutBody(sequence);
        var started = Stopwatch.GetTimestamp();
        log.Started[sequence] = started;
        try
        {
            using var response = await api.PutConfigAsync(ns, env, KeyOf(sequence), body, cancellationToken);
            log.Returned[sequence] = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                log.Fail(sequence, $"PUT of write {sequence} returned {(int)response.StatusCode}: {detail}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            log.Returned[sequence] = Stopwatch.GetTimestamp();
            log.Fail(sequence, $"PUT of write {sequence} failed: {exception.Message}");
        }
    }
}
