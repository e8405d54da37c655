namespace OrleansConfig.Flags.Logic;

/// <summary>
/// <c>{"missing": [path, …]}</c>: the paths whose value is undefined. A null value is present.
/// </summary>
internal sealed class MissingNode(LogicNode arguments) : LogicNode
{
    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope) => FindMissing(scope, Arguments(scope));

    public static LogicValue FindMissing(in Scope scope, LogicValue[] paths)
    {
        List<LogicValue>? missing = null;
        foreach (var path in paths)
        {
            if (!IsPresent(scope, JsConvert.ToJsString(path)))
            {
                (missing ??= []).Add(path);
            }
        }

        return missing is null ? LogicValue.EmptyArray : LogicValue.FromArray([.. missing]);
    }

    private LogicValue[] Arguments(in Scope scope)
    {
        var value = arguments.Evaluate(scope);

        return value.Kind == LogicKind.Array ? value.Array : [value];
    }

    private static bool IsPresent(in Scope scope, string path)
    {
        var current = scope.Data;
        var segments = DataPath.Split(path);
        var start = 0;
        if (scope.HasFlagdProperties && segments[0] == "$flagd")
        {
            current = scope.FlagdProperties();
            start = 1;
        }

        for (var i = start; i < segments.Length; i++)
        {
            // JavaScript's `if (!data)`: a falsy value has no members.
            if (!JsConvert.IsJsTruthy(current) || !DataPath.TryGetProperty(current, segments[i], out current))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// <c>{"missing_some": [minimum, [path, …]]}</c>: empty when at least minimum paths are present,
/// otherwise the missing paths.
/// </summary>
internal sealed class MissingSomeNode(LogicNode minimum, LogicNode paths) : LogicNode
{
    public override bool AssignsPrevious => true;

    public override LogicValue Evaluate(in Scope scope)
    {
        var needed = minimum.Evaluate(scope);
        var options = paths.Evaluate(scope);
        if (options.Kind != LogicKind.Array)
        {
            throw new LogicEvaluationException("missing_some needs an array of paths as its second argument.");
        }

        var missing = MissingNode.FindMissing(scope, options.Array);
        var present = options.Array.Length - missing.Array.Length;

        return present >= JsConvert.ToNumber(needed).Number ? LogicValue.EmptyArray : missing;
    }
}
