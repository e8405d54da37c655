namespace OrleansConfig.Flags.Logic;

/// <summary>
/// <c>if</c> and <c>?:</c>: [condition, then, condition, then, …, else]. A missing else is null,
/// one argument is returned as it is, and no argument yields null.
/// </summary>
internal sealed class IfNode(LogicNode[] arguments) : LogicNode
{
    public override bool AssignsPrevious { get; } = arguments.Length >= 3 && AnyAssigns(arguments);

    public override LogicValue Evaluate(in Scope scope)
    {
        if (arguments.Length == 0)
        {
            return LogicValue.Null;
        }

        if (arguments.Length == 1)
        {
            return arguments[0].Evaluate(scope);
        }

        var i = 0;
        for (; i + 1 < arguments.Length; i += 2)
        {
            if (JsConvert.IsTruthy(arguments[i].Evaluate(scope)))
            {
                return arguments[i + 1].Evaluate(scope);
            }
        }

        return i < arguments.Length ? arguments[i].Evaluate(scope) : LogicValue.Null;
    }
}

/// <summary>
/// <c>and</c> and <c>or</c>: the first falsy (and) or truthy (or) argument, else the last one;
/// null when there are no arguments.
/// </summary>
internal sealed class AndOrNode(LogicNode[] arguments, bool isAnd) : LogicNode
{
    public override bool AssignsPrevious => arguments.Length > 0;

    public override LogicValue Evaluate(in Scope scope)
    {
        var item = LogicValue.Null;
        foreach (var argument in arguments)
        {
            item = argument.Evaluate(scope);
            if (JsConvert.IsTruthy(item) != isAnd)
            {
                return item;
            }
        }

        return item;
    }
}

/// <summary>
/// <c>!</c> and <c>!!</c>. Given an array literal, the operator reads its first item. Given any
/// other expression, it reads the expression's whole value, even when that value is an array.
/// </summary>
internal sealed class NotNode(LogicNode operand, bool isDouble) : LogicNode
{
    public override bool AssignsPrevious => operand.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var truthy = JsConvert.IsTruthy(operand.Evaluate(scope));

        return LogicValue.FromBoolean(truthy == isDouble);
    }
}
