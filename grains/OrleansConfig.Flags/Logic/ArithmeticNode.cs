namespace OrleansConfig.Flags.Logic;

/// <summary>The arithmetic operators of JsonLogic.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary>
/// <c>+ - * / %</c> in binary64 arithmetic, as flagd computes them. Operands convert as
/// JavaScript's unary + does; an array or object operand, a NaN result or a division by zero
/// raises an error.
/// </summary>
internal sealed class ArithmeticNode(ArithmeticOperator op, LogicNode[] operands) : LogicNode
{
    public override bool AssignsPrevious { get; } = AnyAssigns(operands);

    public override LogicValue Evaluate(in Scope scope)
    {
        if (operands.Length == 0)
        {
            return LogicValue.FromNumber(op == ArithmeticOperator.Multiply ? 1 : 0);
        }

        var first = Operand(operands[0].Evaluate(scope));
        if (operands.Length == 1)
        {
            return Result(Unary(first));
        }

        var result = first;
        for (var i = 1; i < operands.Length; i++)
        {
            result = Apply(result, Operand(operands[i].Evaluate(scope)));
        }

        return Result(result);
    }

    /// <summary>Applies the operator to the items of an array that a single operand yields.</summary>
    public LogicValue EvaluateItems(LogicValue[] items)
    {
        if (items.Length == 0)
        {
            return op switch
            {
                ArithmeticOperator.Add => LogicValue.FromNumber(0),
                ArithmeticOperator.Multiply => LogicValue.FromNumber(1),
                _ => throw new LogicEvaluationException("The operator needs at least one operand."),
            };
        }

        var result = Operand(items[0]);
        if (items.Length == 1)
        {
            return Result(op == ArithmeticOperator.Add || op == ArithmeticOperator.Multiply ? result : Unary(result));
        }

        for (var i = 1; i < items.Length; i++)
        {
            result = Apply(result, Operand(items[i]));
        }

        return Result(result);
    }

    /// <summary>Converts an operand as <c>+precoerceNumber(x)</c>: arrays, objects and NaN are errors.</summary>
    public static double Operand(LogicValue value)
    {
        if (value.Kind is LogicKind.Array or LogicKind.Object)
        {
            throw new LogicEvaluationException("An arithmetic operand is an array or an object.");
        }

        if (value.IsNumber && double.IsNaN(value.Number))
        {
            throw new LogicEvaluationException("An arithmetic operand is NaN.");
        }

        return JsConvert.ToNumber(value).Number;
    }

    private double Unary(double value) => op switch
    {
        ArithmeticOperator.Subtract => -value,
        ArithmeticOperator.Divide => 1 / NonZero(value),
        ArithmeticOperator.Remainder => throw new LogicEvaluationException("% needs two operands."),
        _ => value,
    };

    private double Apply(double left, double right) => op switch
    {
        ArithmeticOperator.Add => left + right,
        ArithmeticOperator.Subtract => left - right,
        ArithmeticOperator.Multiply => left * right,
        ArithmeticOperator.Divide => left / NonZero(right),
        _ => left % right,
    };

    // The engine divides by (x || NaN), so a zero divisor yields NaN and then an error.
    private static double NonZero(double value) =>
        value == 0 ? throw new LogicEvaluationException("Division by zero.") : value;

    private static LogicValue Result(double value) =>
        double.IsNaN(value)
            ? throw new LogicEvaluationException("The arithmetic result is not a number.")
            : LogicValue.FromNumber(value);
}

/// <summary>An arithmetic operator given one expression, applied to the items when it yields an array.</summary>
internal sealed class ArithmeticOverValueNode(ArithmeticOperator op, LogicNode operand) : LogicNode
{
    public override bool AssignsPrevious =>
        op is ArithmeticOperator.Add or ArithmeticOperator.Subtract or ArithmeticOperator.Divide
            || operand.AssignsPrevious;

    private readonly ArithmeticNode _items = new(op, []);

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = operand.Evaluate(scope);
        if (value.Kind == LogicKind.Array)
        {
            return _items.EvaluateItems(value.Array);
        }

        if (op is ArithmeticOperator.Add or ArithmeticOperator.Subtract)
        {
            var number = ArithmeticNode.Operand(value);

            return double.IsNaN(number)
                ? throw new LogicEvaluationException("The arithmetic result is not a number.")
                : LogicValue.FromNumber(op == ArithmeticOperator.Subtract ? -number : number);
        }

        throw new LogicEvaluationException("The operator needs an array of operands.");
    }
}

/// <summary><c>max</c> and <c>min</c>: every argument must be a number, and there must be one.</summary>
internal sealed class MinMaxNode(LogicNode arguments, bool isMax) : LogicNode
{
    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = arguments.Evaluate(scope);
        LogicValue[] items = value.Kind == LogicKind.Array ? value.Array : [value];
        if (items.Length == 0 || !items[0].IsNumber)
        {
            throw new LogicEvaluationException("max and min need numbers.");
        }

        var best = items[0];
        for (var i = 1; i < items.Length; i++)
        {
            if (!items[i].IsNumber)
            {
                throw new LogicEvaluationException("max and min need numbers.");
            }

            var order = JsOperators.Compare(items[i], best);
            if (order != JsOperators.Unordered && (isMax ? order > 0 : order < 0))
            {
                best = items[i];
            }
        }

        return best;
    }
}
