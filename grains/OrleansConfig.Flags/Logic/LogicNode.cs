namespace OrleansConfig.Flags.Logic;

/// <summary>A compiled JsonLogic expression. Nodes are immutable and safe to share between threads.</summary>
internal abstract class LogicNode
{
    /// <summary>
    /// Evaluates the expression. Throws <see cref="LogicEvaluationException"/> where flagd's
    /// engine throws, which the flag evaluator reports as a GENERAL error.
    /// </summary>
    public abstract LogicValue Evaluate(in Scope scope);

    /// <summary>
    /// True when flagd's engine compiles this node to JavaScript that assigns its scratch
    /// variable <c>prev</c>, which changes how a comparison checks its right operand
    /// (see <see cref="ComparisonNode"/>).
    /// </summary>
    public virtual bool AssignsPrevious => false;

    protected static bool AnyAssigns(IEnumerable<LogicNode?> nodes) => nodes.Any(node => node?.AssignsPrevious == true);
}

/// <summary>A constant, including constant subexpressions evaluated by the compiler.</summary>
internal sealed class LiteralNode(LogicValue value) : LogicNode
{
    public LogicValue Value { get; } = value;

    public override LogicValue Evaluate(in Scope scope) => Value;
}

/// <summary>An array literal some of whose items are expressions.</summary>
internal sealed class ArrayNode(LogicNode[] items) : LogicNode
{
    public LogicNode[] Items { get; } = items;

    public override bool AssignsPrevious { get; } = AnyAssigns(items);

    public override LogicValue Evaluate(in Scope scope)
    {
        var values = new LogicValue[Items.Length];
        for (var i = 0; i < Items.Length; i++)
        {
            values[i] = Items[i].Evaluate(scope);
        }

        return LogicValue.FromArray(values);
    }
}

/// <summary>Item i of an argument array that only evaluation produces; null past its end.</summary>
internal sealed class ItemNode(LogicNode arguments, int index) : LogicNode
{
    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = arguments.Evaluate(scope);
        if (value.Kind != LogicKind.Array)
        {
            return index == 0 ? value : LogicValue.Null;
        }

        return index < value.Array.Length ? value.Array[index] : LogicValue.Null;
    }
}

/// <summary>An operation that always raises an error when it runs, as flagd's engine does.</summary>
internal sealed class FailNode(string message) : LogicNode
{
    public override LogicValue Evaluate(in Scope scope) => throw new LogicEvaluationException(message);
}
