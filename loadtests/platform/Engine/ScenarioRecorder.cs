using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// Collects the measurements of one scenario: per operation (<see cref="OperationStats"/>) and per
/// second (<see cref="Timeline"/>), from many concurrent requests.
/// </summary>
public sealed class ScenarioRecorder(long origin)
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);
    private long _notSent;

    /// <summary>The Stopwatch timestamp of the scenario's start; timeline seconds count from it.</summary>
    public long Origin { get; } = origin;

    public Timeline Timeline { get; } = new();

    /// <summary>Arrivals that were never sent because the run hit its request or time bound.</summary>
    public long NotSent => Interlocked.Read(ref _notSent);

    public IReadOnlyCollection<OperationStats> Operations => _operations.Values.OrderBy(o => o.Name).ToArray();

    public OperationStats For(string name, OperationCategory category) =>
        _operations.GetOrAdd(name, _ => new OperationStats(name, category));

    /// <summary>
    /// Records a request that was due at <paramref name="due"/>, sent at <paramref name="started"/> and
    /// completed at <paramref name="ended"/> (Stopwatch timestamps).
    /// </summary>
    public void Record(string operation, OperationCategory category, bool steady, long due, long started,
        long ended, OperationOutcome outcome)
    {
        var corrected = LatencyMath.CorrectedMicroseconds(due, started, ended);
        For(operation, category).Record(steady, corrected, LatencyMath.Microseconds(started, ended), outcome);
        if (category != OperationCategory.LongPoll)
        {
            Timeline.Add(SecondOf(ended), corrected, outcome.Ok);
        }
    }

    public void AddNotSent(long count) => Interlocked.Add(ref _notSent, count);

    public int SecondOf(long timestamp) =>
        Math.Max(0, (int)Stopwatch.GetElapsedTime(Origin, timestamp).TotalSeconds);
}
