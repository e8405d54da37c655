using System.Diagnostics;
using HdrHistogram;

namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// Latency arithmetic in microseconds. Open-loop requests are timed from their due time, which
/// corrects coordinated omission: a request that waited for a free virtual user, or behind a
/// schedule that fell back, counts that wait.
/// </summary>
public static class LatencyMath
{
    /// <summary>Longest latency recorded: 60 s; longer ones are recorded as 60 s.</summary>
    public const long HighestMicroseconds = LatencySummary.HighestMicroseconds;

    /// <summary>
    /// Returns the latency from <paramref name="due"/> to <paramref name="ended"/> (Stopwatch timestamps), or
    /// from <paramref name="started"/> when the request started before its due time.
    /// </summary>
    public static long CorrectedMicroseconds(long due, long started, long ended) =>
        Microseconds(Math.Min(due, started), ended);

    /// <summary>Returns the microseconds between two Stopwatch timestamps, at least 1.</summary>
    public static long Microseconds(long start, long end) =>
        Math.Clamp((long)Stopwatch.GetElapsedTime(start, end).TotalMicroseconds, 1, HighestMicroseconds);

    /// <summary>Returns the value at <paramref name="percentile"/> in milliseconds, or NaN when empty.</summary>
    public static double PercentileMs(HistogramBase histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);

        return histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public static double MaxMs(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);

        return histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue() / 1000.0;
    }
}
