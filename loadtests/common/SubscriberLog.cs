namespace OrleansConfig.LoadTests;

/// <summary>One change event as a subscriber received it; <see cref="Timestamp"/> is a Stopwatch timestamp.</summary>
public readonly record struct Receipt(long Revision, int Sequence, long Timestamp);

/// <summary>
/// What one subscriber received, in arrival order, and what went wrong on its way. Only the
/// subscriber's own callback adds receipts; the run reads them after the subscriber stopped.
/// </summary>
public sealed class SubscriberLog(string name)
{
    private readonly List<Receipt> _receipts = new(4096);
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();
    private long _lastRevision = -1;

    public string Name { get; } = name;

    /// <summary>The revision the subscription started after; -1 until it is known.</summary>
    public long StartRevision { get; set; } = -1;

    public long LastRevision => Interlocked.Read(ref _lastRevision);

    public IReadOnlyList<Receipt> Receipts
    {
        get
        {
            lock (_lock)
            {
                return [.. _receipts];
            }
        }
    }

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

    public void Add(Receipt receipt)
    {
        lock (_lock)
        {
            _receipts.Add(receipt);
        }

        Interlocked.Exchange(ref _lastRevision, Math.Max(LastRevision, receipt.Revision));
    }

    public void AddError(string error)
    {
        lock (_lock)
        {
            _errors.Add(error);
        }
    }
}
