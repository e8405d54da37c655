using HdrHistogram;

namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// What one operation of one scenario measured: latency histograms over the whole run and over the
/// steady phase (both corrected for coordinated omission), the steady phase's service time (from the
/// actual send), counts of requests and errors, the statuses seen and the first distinct error messages.
/// </summary>
public sealed class OperationStats(string name, OperationCategory category)
{
    private const int MaxErrorSamples = 5;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, long> _statuses = [];
    private readonly List<string> _errorSamples = [];

    public string Name { get; } = name;

    public OperationCategory Category { get; } = category;

    public LongHistogram All { get; } = LatencySummary.CreateHistogram();

    public LongHistogram Steady { get; } = LatencySummary.CreateHistogram();

    public LongHistogram SteadyServiceTime { get; } = LatencySummary.CreateHistogram();

    public long Requests { get; private set; }

    public long Errors { get; private set; }

    public long SteadyRequests { get; private set; }

    public long SteadyErrors { get; private set; }

    public IReadOnlyDictionary<int, long> Statuses
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<int, long>(_statuses);
            }
        }
    }

    public IReadOnlyList<string> ErrorSamples
    {
        get
        {
            lock (_lock)
            {
                return [.. _errorSamples];
            }
        }
    }

    /// <summary>Records one request; <paramref name="steady"/> is true when it was due in the steady phase.</summary>
    public void Record(bool steady, long correctedMicroseconds, long serviceMicroseconds, OperationOutcome outcome)
    {
        lock (_lock)
        {
            Requests++;
            All.RecordValue(correctedMicroseconds);
            _statuses[outcome.Status] = _statuses.GetValueOrDefault(outcome.Status) + 1;
            if (steady)
            {
                SteadyRequests++;
                Steady.RecordValue(correctedMicroseconds);
                SteadyServiceTime.RecordValue(serviceMicroseconds);
            }

            if (outcome.Ok)
            {
                return;
            }

            Errors++;
            SteadyErrors += steady ? 1 : 0;
            if (_errorSamples.Count < MaxErrorSamples && !_errorSamples.Contains(outcome.Error!))
            {
                _errorSamples.Add(outcome.Error!);
            }
        }
    }
}
