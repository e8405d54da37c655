namespace OrleansConfig.LoadTests;

/// <summary>
/// The Stopwatch timestamps at which each write started and returned, by write number, and the
/// writes that failed. A failed write may or may not have been committed.
/// </summary>
public sealed class WriteLog(int count)
{
    private readonly HashSet<int> _failed = [];
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();

    public int Count { get; } = count;

    /// <summary>Taken just before the PUT is sent: the start of every latency.</summary>
    public long[] Started { get; } = new long[count];

    /// <summary>Taken when the PUT's whole response was read, or when it failed.</summary>
    public long[] Returned { get; } = new long[count];

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    public bool Succeeded(int sequence)
    {
        lock (_lock)
        {
            return !_failed.Contains(sequence);
        }
    }

    public void Fail(int sequence, string error)
    {
        lock (_lock)
        {
            _failed.Add(sequence);
            _errors.Add(error);
        }
    }
}
