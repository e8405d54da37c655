namespace OrleansConfig.Flags.Logic;

/// <summary>
/// The data a JsonLogic node reads: the evaluation context at the top level, an array element
/// inside map, filter, all, some, none and reduce.
/// </summary>
internal readonly struct Scope
{
    private Scope(LogicValue data, bool isRoot, bool isFolding, string flagKey, long timestamp)
    {
        Data = data;
        IsRoot = isRoot;
        IsFolding = isFolding;
        FlagKey = flagKey;
        Timestamp = timestamp;
    }

    public LogicValue Data { get; }

    /// <summary>True for the evaluation context itself, false inside an iteration.</summary>
    public bool IsRoot { get; }

    /// <summary>True while the compiler evaluates a constant subexpression, with no context.</summary>
    public bool IsFolding { get; }

    public string FlagKey { get; }

    /// <summary>The evaluation time in Unix seconds, published as <c>$flagd.timestamp</c>.</summary>
    public long Timestamp { get; }

    /// <summary>True where <c>$flagd</c> is visible: the top level of a real evaluation.</summary>
    public bool HasFlagdProperties => IsRoot && !IsFolding;

    public static Scope ForEvaluation(LogicValue context, string flagKey, long timestamp) =>
        new(context, isRoot: true, isFolding: false, flagKey, timestamp);

    public static Scope ForFolding() =>
        new(LogicValue.FromObject(new Dictionary<string, LogicValue>(StringComparer.Ordinal)), true, true, "", 0);

    public Scope WithData(LogicValue data) => new(data, isRoot: false, IsFolding, FlagKey, Timestamp);

    /// <summary>Returns the <c>$flagd</c> object: the flag key and the evaluation time.</summary>
    public LogicValue FlagdProperties()
        => LogicValue.FromObject(new Dictionary<string, LogicValue>(StringComparer.Ordinal)
    {
        ["flagKey"] = LogicValue.FromString(FlagKey),
        ["timestamp"] = LogicValue.FromNumber(Timestamp),
    });

    /// <summary>Returns the data as a whole, with <c>$flagd</c> added at the top level.</summary>
    public LogicValue WholeData()
    {
        if (!HasFlagdProperties || Data.Kind != LogicKind.Object)
        {
            return Data;
        }

        var merged = new Dictionary<string, LogicValue>(Data.Object, StringComparer.Ordinal)
        {
            ["$flagd"] = FlagdProperties(),
        };

        return LogicValue.FromObject(merged);
    }
}
