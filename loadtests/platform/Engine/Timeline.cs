namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>One second of a scenario: completed requests, failures and latency percentiles in ms.</summary>
public sealed record TimelinePoint(int Second, int Completed, int Errors, double P50, double P90, double P99,
    double Max);

/// <summary>
/// Per-second buckets of a scenario, by the second in which each request completed. Each bucket keeps
/// its latencies, so that its percentiles are exact rather than read from a coarse histogram.
/// </summary>
public sealed class Timeline
{
    private readonly Lock _lock = new();
    private readonly List<Bucket> _buckets = [];

    public void Add(int second, long microseconds, bool ok)
    {
        lock (_lock)
        {
            while (_buckets.Count <= second)
            {
                _buckets.Add(new Bucket());
            }

            var bucket = _buckets[second];
            bucket.Latencies.Add((int)Math.Min(microseconds, int.MaxValue));
            bucket.Errors += ok ? 0 : 1;
        }
    }

    public IReadOnlyList<TimelinePoint> Summarize()
    {
        lock (_lock)
        {
            return _buckets.Select((bucket, second) => Summarize(second, bucket)).ToArray();
        }
    }

    /// <summary>Returns the nearest-rank percentile of sorted values in ms, or NaN for none.</summary>
    public static double NearestRank(IReadOnlyList<int> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);

        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);

        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)] / 1000.0;
    }

    private static TimelinePoint Summarize(int second, Bucket bucket)
    {
        var sorted = bucket.Latencies.Order().ToArray();

        return new TimelinePoint(second, sorted.Length, bucket.Errors, NearestRank(sorted, 50),
            NearestRank(sorted, 90), NearestRank(sorted, 99), NearestRank(sorted, 100));
    }

    private sealed class Bucket
    {
        public List<int> Latencies { get; } = [];

        public int Errors { get; set; }
    }
}
