namespace OrleansConfig.Flags.Logic;

/// <summary><c>merge</c>: the arguments in one array, array arguments flattened by one level.</summary>
internal sealed class MergeNode(LogicNode arguments) : LogicNode
{
    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = arguments.Evaluate(scope);
        if (value.Kind != LogicKind.Array)
        {
            return LogicValue.FromArray([value]);
        }

        var result = new List<LogicValue>();
        foreach (var item in value.Array)
        {
            if (item.Kind == LogicKind.Array)
            {
                result.AddRange(item.Array);
            }
            else
            {
                result.Add(item);
            }
        }

        return LogicValue.FromArray([.. result]);
    }
}

/// <summary>The array operators whose second argument runs once per item.</summary>
internal enum IterationKind
{
    Map,
    Filter,
    All,
    Some,
    None,
}

/// <summary>
/// <c>map filter all some none</c>: the second argument runs with each item of the first as its
/// data. A falsy first argument is an empty array; <c>all</c> of an empty array is false, but
/// <c>all</c> of a falsy non-array value is true, as in flagd's engine.
/// </summary>
internal sealed class IterationNode(IterationKind kind, LogicNode source, LogicNode body) : LogicNode
{
    // The body compiles to a function of its own; only the array's code runs in the caller's.
    public override bool AssignsPrevious => kind == IterationKind.All || source.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = source.Evaluate(scope);
        if (kind == IterationKind.All && value.Kind == LogicKind.Array && value.Array.Length == 0)
        {
            return LogicValue.False;
        }

        var items = Items(value);

        return kind switch
        {
            IterationKind.Map => Map(items, scope),
            IterationKind.Filter => Filter(items, scope),
            IterationKind.All =>
                LogicValue.FromBoolean(CountPassing(items, scope, stopAtFailure: true) == items.Length),
            IterationKind.Some => LogicValue.FromBoolean(CountPassing(items, scope, stopAtFailure: false) > 0),
            _ => LogicValue.FromBoolean(CountPassing(items, scope, stopAtFailure: false) == 0),
        };
    }

    // Counts passing items, stopping at the first failure (all) or the first pass (some, none).
    private int CountPassing(LogicValue[] items, in Scope scope, bool stopAtFailure)
    {
        var passing = 0;
        foreach (var item in items)
        {
            var passes = Test(item, scope);
            passing += passes ? 1 : 0;
            if (passes != stopAtFailure)
            {
                break;
            }
        }

        return passing;
    }

    /// <summary>The items of <c>(value || [])</c>; a truthy non-array value raises an error.</summary>
    public static LogicValue[] Items(LogicValue value)
    {
        if (!JsConvert.IsJsTruthy(value))
        {
            return [];
        }

        return value.Kind == LogicKind.Array
            ? value.Array
            : throw new LogicEvaluationException("The operator needs an array as its first argument.");
    }

    private LogicValue Map(LogicValue[] items, Scope scope)
    {
        var result = new LogicValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            result[i] = body.Evaluate(scope.WithData(items[i]));
        }

        return LogicValue.FromArray(result);
    }

    private LogicValue Filter(LogicValue[] items, Scope scope)
    {
        var result = new List<LogicValue>();
        foreach (var item in items)
        {
            if (Test(item, scope))
            {
                result.Add(item);
            }
        }

        return LogicValue.FromArray([.. result]);
    }

    private bool Test(LogicValue item, in Scope scope) => JsConvert.IsTruthy(body.Evaluate(scope.WithData(item)));
}

/// <summary>
/// <c>{"reduce": [array, body, initial]}</c>: the body runs with <c>current</c> and
/// <c>accumulator</c> as its data. Without an initial value the first item starts, and an empty
/// array raises an error. An accumulator may not nest arrays or objects.
/// </summary>
internal sealed class ReduceNode(LogicNode source, LogicNode body, LogicNode? initial) : LogicNode
{
    public override bool AssignsPrevious => source.AssignsPrevious || initial?.AssignsPrevious == true;

    public override LogicValue Evaluate(in Scope scope)
    {
        var start = initial is null ? (LogicValue?)null : CheckDepth(initial.Evaluate(scope));
        var items = IterationNode.Items(source.Evaluate(scope));
        var index = 0;
        if (start is not { } accumulator)
        {
            if (items.Length == 0)
            {
                throw new LogicEvaluationException("reduce of an empty array needs an initial value.");
            }

            accumulator = items[0];
            index = 1;
        }

        for (; index < items.Length; index++)
        {
            var data = new Dictionary<string, LogicValue>(2, StringComparer.Ordinal)
            {
                ["accumulator"] = accumulator,
                ["current"] = items[index],
            };
            accumulator = CheckDepth(body.Evaluate(scope.WithData(LogicValue.FromObject(data))));
        }

        return accumulator;
    }

    // flagd's engine limits accumulator depth to 0: an array or object may hold only primitives.
    private static LogicValue CheckDepth(LogicValue value)
    {
        IEnumerable<LogicValue> children = value.Kind switch
        {
            LogicKind.Array => value.Array,
            LogicKind.Object => value.Object.Values,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child.Kind is LogicKind.Array or LogicKind.Object)
            {
                throw new LogicEvaluationException("A reduce accumulator may not nest arrays or objects.");
            }
        }

        return value;
    }
}
