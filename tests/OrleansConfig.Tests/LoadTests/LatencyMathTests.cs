using System.Diagnostics;
using OrleansConfig.LoadTests;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.Tests.LoadTests;

public sealed class LatencyMathTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Fact]
    public void LateStartCountsFromTheDueTime()
    {
        // Due at 0, sent 40 ms late, done 10 ms after sending: the caller waited 50 ms.
        var corrected = LatencyMath.CorrectedMicroseconds(0, 40 * Millisecond, 50 * Millisecond);

        Assert.InRange(corrected, 49_999, 50_001);
    }

    [Fact]
    public void EarlyStartCountsFromTheSend()
    {
        var corrected = LatencyMath.CorrectedMicroseconds(10 * Millisecond, 9 * Millisecond, 12 * Millisecond);

        Assert.InRange(corrected, 2_999, 3_001);
    }

    [Fact]
    public void EmptyHistogramHasNoPercentile()
    {
        Assert.True(double.IsNaN(LatencyMath.PercentileMs(LatencySummary.CreateHistogram(), 99)));
    }

    [Fact]
    public void NearestRankReadsSortedMicroseconds()
    {
        int[] sorted = [1_000, 2_000, 3_000, 4_000, 100_000];

        Assert.Equal(3, Timeline.NearestRank(sorted, 50));
        Assert.Equal(100, Timeline.NearestRank(sorted, 99));
        Assert.Equal(1, Timeline.NearestRank(sorted, 0));
    }
}
