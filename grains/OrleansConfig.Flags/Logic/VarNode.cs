namespace OrleansConfig.Flags.Logic;

/// <summary>
/// <c>{"var": path}</c> and <c>{"var": [path, default]}</c> with a constant path: the value at the
/// dotted path, or the default (null when absent) where the value is missing or null.
/// </summary>
internal sealed class VarNode(string[]? segments, LogicNode? fallback) : LogicNode
{
    private readonly string[]? _segments = segments;
    private readonly LogicNode? _fallback = fallback;
    private readonly bool _readsFlagd = segments is { Length: > 0 } && segments[0] == "$flagd";

    // The engine compiles a path read to `typeof (prev = …)`, and the whole data to `context`.
    public override bool AssignsPrevious => _segments is not null;

    public override LogicValue Evaluate(in Scope scope)
    {
        if (_segments is null)
        {
            return scope.WholeData();
        }

        var current = scope.Data;
        var start = 0;
        if (_readsFlagd && scope.HasFlagdProperties)
        {
            if (ReadFlagd(scope, out var flagdValue))
            {
                return flagdValue;
            }

            current = scope.FlagdProperties();
            start = 1;
        }

        for (var i = start; i < _segments.Length; i++)
        {
            if (current.IsNull || !DataPath.TryGetProperty(current, _segments[i], out current))
            {
                return Fallback(scope);
            }
        }

        return current.IsNull ? Fallback(scope) : current;
    }

    // $flagd.flagKey and $flagd.timestamp without building the $flagd object.
    private bool ReadFlagd(in Scope scope, out LogicValue value)
    {
        value = LogicValue.Null;
        if (_segments!.Length != 2)
        {
            return false;
        }

        if (_segments[1] == "flagKey")
        {
            value = LogicValue.FromString(scope.FlagKey);

            return true;
        }

        if (_segments[1] == "timestamp")
        {
            value = LogicValue.FromNumber(scope.Timestamp);

            return true;
        }

        return false;
    }

    private LogicValue Fallback(in Scope scope) => _fallback?.Evaluate(scope) ?? LogicValue.Null;
}

/// <summary>
/// <c>var</c> whose path is computed: unlike the constant form, a null value is returned as null
/// and only a missing value yields the default, as flagd's engine does on this path.
/// </summary>
internal sealed class DynamicVarNode(LogicNode argument) : LogicNode
{
    public override bool AssignsPrevious => argument.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = argument.Evaluate(scope);
        var key = value;
        var fallback = LogicValue.Null;
        if (value.Kind == LogicKind.Array)
        {
            key = value.Array.Length > 0 ? value.Array[0] : LogicValue.Null;
            fallback = value.Array.Length > 1 ? value.Array[1] : LogicValue.Null;
        }

        if (key.IsNull || (key.IsString && key.String.Length == 0))
        {
            return scope.WholeData();
        }

        var current = scope.Data;
        var segments = DataPath.Split(JsConvert.ToJsString(key));
        var start = 0;
        if (scope.HasFlagdProperties && segments[0] == "$flagd")
        {
            current = scope.FlagdProperties();
            start = 1;
        }

        for (var i = start; i < segments.Length; i++)
        {
            if (current.IsNull || !DataPath.TryGetProperty(current, segments[i], out current))
            {
                return fallback;
            }
        }

        return current;
    }
}
