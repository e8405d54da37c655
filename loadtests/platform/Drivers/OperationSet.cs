using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>The operations a driver can run against the target, and why the others cannot run.</summary>
public sealed class OperationSet
{
    private readonly Dictionary<string, (OperationCategory Category, OperationBody Body)> _available = [];
    private readonly Dictionary<string, string> _unavailable = [];

    public void Add(string name, OperationCategory category, OperationBody body) => _available[name] = (category, body);

    public void AddUnavailable(string name, string reason) => _unavailable[name] = reason;

    public bool Has(string name) => _available.ContainsKey(name);

    /// <summary>Returns the operation with <paramref name="weight"/>, or null when it is not available.</summary>
    public Operation? Weighted(string name, double weight) =>
        _available.TryGetValue(name, out var operation)
            ? new Operation(name, operation.Category, weight, operation.Body)
            : null;

    public string ReasonMissing(string name) =>
        _unavailable.TryGetValue(name, out var reason) ? reason : $"{name} is not implemented by this driver";
}
