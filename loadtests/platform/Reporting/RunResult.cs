using HdrHistogram;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>Latency percentiles in milliseconds; NaN when nothing was recorded.</summary>
public sealed record LatencyStats(long Count, double P50, double P90, double P95, double P99, double Max)
{
    public static LatencyStats From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);

        return new LatencyStats(histogram.TotalCount, LatencyMath.PercentileMs(histogram, 50),
            LatencyMath.PercentileMs(histogram, 90), LatencyMath.PercentileMs(histogram, 95),
            LatencyMath.PercentileMs(histogram, 99), LatencyMath.MaxMs(histogram));
    }
}

/// <summary>One point of a latency distribution: the latency in ms at a percentile.</summary>
public sealed record PercentilePoint(double Percentile, double Milliseconds);

/// <summary>
/// What one operation measured. <see cref="All"/> and <see cref="Steady"/> are corrected for coordinated
/// omission; <see cref="SteadyServiceTime"/> is the steady phase timed from the actual send.
/// <see cref="SteadyThroughput"/> is the steady phase's requests per second.
/// </summary>
public sealed record OperationResult(
    string Name,
    OperationCategory Category,
    long Requests,
    long Errors,
    long SteadyRequests,
    long SteadyErrors,
    double SteadyThroughput,
    LatencyStats All,
    LatencyStats Steady,
    LatencyStats SteadyServiceTime,
    IReadOnlyDictionary<int, long> Statuses,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<PercentilePoint> Distribution)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public double SteadyErrorRate => SteadyRequests == 0 ? 0 : (double)SteadyErrors / SteadyRequests;

    public static OperationResult From(OperationStats stats, double steadySeconds)
    {
        ArgumentNullException.ThrowIfNull(stats);

        var distribution = stats.All.TotalCount == 0
            ? []
            : stats.All.Percentiles(5).Select(v => new PercentilePoint(v.Percentile, v.ValueIteratedTo / 1000.0))
                .ToArray();

        return new OperationResult(stats.Name, stats.Category, stats.Requests, stats.Errors, stats.SteadyRequests,
            stats.SteadyErrors, steadySeconds > 0 ? stats.SteadyRequests / steadySeconds : double.NaN,
            LatencyStats.From(stats.All), LatencyStats.From(stats.Steady),
            LatencyStats.From(stats.SteadyServiceTime),
            stats.Statuses, stats.ErrorSamples, distribution);
    }
}

/// <summary>One stage of a scenario's rate profile, in seconds and requests per second.</summary>
public sealed record StageSummary(string Phase, double Seconds, double StartRate, double EndRate);

/// <summary>Whether a scenario ran.</summary>
public enum ScenarioStatus
{
    Completed,
    NotAvailable,
    Failed,
}

/// <summary>
/// One scenario's results. <see cref="SampleFrom"/> and <see cref="SampleTo"/> are the seconds of the run's
/// resource samples that the scenario covers.
/// </summary>
public sealed record ScenarioResult(
    string Name,
    string Description,
    ScenarioStatus Status,
    string? Reason,
    IReadOnlyList<StageSummary> Stages,
    int MaxInFlight,
    double SteadySeconds,
    long NotSent,
    IReadOnlyList<OperationResult> Operations,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Unavailable,
    int SampleFrom,
    int SampleTo)
{
    public long Requests => Operations.Sum(o => o.Requests);

    public long Errors => Operations.Sum(o => o.Errors);

    public static ScenarioResult NotRun(string name, string description, ScenarioStatus status, string reason,
        IReadOnlyList<string> unavailable) =>
        new(name, description, status, reason, [], 0, 0, 0, [], [], [], unavailable, 0, 0);
}
