using System.Diagnostics;
using System.Globalization;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// The api's round trip without a write: <c>GET …/configs/{key}</c> at the writers' rate, one at a time,
/// which costs the HTTP exchange, the API key's grain call and the configuration key's grain call.
/// Subtracted from the PUT latency it leaves what a write adds: storage, sequencing and publishing.
/// </summary>
public static class ReadProbe
{
    public const string Key = "Latency:Probe";

    public static async Task<LatencySummary> RunAsync(ApiClient api, BenchOptions options,
        CancellationToken cancellationToken)
    {
        var env = string.Create(CultureInfo.InvariantCulture, $"probe-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
        await api.CreateEnvironmentAsync(options.Namespace, env, cancellationToken);
        using (var created = await api.PutConfigAsync(options.Namespace, env, Key, BenchValue.PutBody(0),
            cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }

        var histogram = LatencySummary.CreateHistogram();
        var count = (int)Math.Round(options.Probe.TotalSeconds * options.Rate);
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = origin + (long)(i * Stopwatch.Frequency / options.Rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            await api.GetConfigAsync(options.Namespace, env, Key, cancellationToken);
            LatencySummary.Record(histogram, started, Stopwatch.GetTimestamp());
        }

        return LatencySummary.From(histogram);
    }
}
