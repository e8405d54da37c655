namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// Runs one request. <see cref="OperationContext.Index"/> numbers the arrivals of a scenario from 0, so
/// that an operation can give each request its own value; <see cref="OperationContext.Due"/> is the
/// Stopwatch timestamp at which the schedule wanted it sent.
/// </summary>
public delegate Task<OperationOutcome> OperationBody(OperationContext context, CancellationToken cancellationToken);

/// <summary>The arrival a request belongs to.</summary>
public readonly record struct OperationContext(long Index, long Due);

/// <summary>A named request kind of a scenario, picked with probability proportional to its weight.</summary>
public sealed record Operation(string Name, OperationCategory Category, double Weight, OperationBody Body);

/// <summary>Picks operations by weight.</summary>
public sealed class OperationMix
{
    private readonly Operation[] _operations;
    private readonly double[] _cumulative;

    public OperationMix(IReadOnlyList<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0 || operations.Any(o => o.Weight <= 0))
        {
            throw new ArgumentException("A mix needs at least one operation, each with a positive weight.",
                nameof(operations));
        }

        _operations = [.. operations];
        _cumulative = new double[_operations.Length];
        var total = operations.Sum(o => o.Weight);
        var sum = 0.0;
        for (var i = 0; i < _operations.Length; i++)
        {
            sum += _operations[i].Weight / total;
            _cumulative[i] = sum;
        }
    }

    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>Returns the operation for <paramref name="uniform"/>, a number from 0 (included) to 1.</summary>
    public Operation Pick(double uniform)
    {
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (uniform < _cumulative[i])
            {
                return _operations[i];
            }
        }

        return _operations[^1];
    }
}
