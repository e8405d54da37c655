using System.Diagnostics;
using HdrHistogram;

namespace OrleansConfig.LoadTests;

/// <summary>Count, median, 99th percentile and maximum of a set of latencies, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P99, double Max)
{
    /// <summary>The largest latency recorded, 60 s; longer ones are recorded as 60 s.</summary>
    public const long HighestMicroseconds = 60_000_000;

    /// <summary>Returns a histogram of microseconds with three significant digits.</summary>
    public static LongHistogram CreateHistogram() => new(1, HighestMicroseconds, 3);

    /// <summary>
    /// Records the time from <paramref name="start"/> to <paramref name="end"/>, two Stopwatch timestamps.
    /// </summary>
    public static void Record(LongHistogram histogram, long start, long end)
    {
        var microseconds = (long)Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
        histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));
    }

    public static LatencySummary From(LongHistogram histogram) => histogram.TotalCount == 0
        ? new LatencySummary(0, double.NaN, double.NaN, double.NaN)
        : new LatencySummary(histogram.TotalCount,
            histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0,
            histogram.GetMaxValue() / 1000.0);
}
