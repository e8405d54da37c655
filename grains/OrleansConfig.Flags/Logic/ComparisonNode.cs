namespace OrleansConfig.Flags.Logic;

/// <summary>The comparison operators of JsonLogic.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    StrictEqual,
    StrictNotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// <c>== != === !== &lt; &lt;= &gt; &gt;=</c> over two or more arguments; three arguments form a
/// chain such as the "between" form <c>{"&lt;": [1, x, 10]}</c>.
/// </summary>
/// <remarks>
/// Loose operators follow flagd's engine: two strings (or nulls) compare as JavaScript does;
/// otherwise both sides must convert to numbers, and an array, an object or a non-numeric
/// string raises an error instead of yielding false. Numbers compare by decimal value.
/// </remarks>
internal sealed class ComparisonNode(ComparisonOperator op, LogicNode[] arguments) : LogicNode
{
    public override bool AssignsPrevious => arguments.Length >= 2;

    public override LogicValue Evaluate(in Scope scope)
    {
        if (arguments.Length < 2)
        {
            throw new LogicEvaluationException("A comparison needs at least two arguments.");
        }

        var previous = arguments[0].Evaluate(scope);
        for (var i = 1; i < arguments.Length; i++)
        {
            // flagd's engine compiles `prev < compareCheck(b, prev)`. When b's own code assigns
            // prev, the check receives b in place of the left operand.
            var item = arguments[i].Evaluate(scope);
            var checkedAgainst = arguments[i].AssignsPrevious && !scope.IsFolding ? item : previous;
            var current = Check(item, checkedAgainst);
            if (!Holds(previous, current))
            {
                return LogicValue.False;
            }

            previous = current;
        }

        return LogicValue.True;
    }

    private bool IsStrict => op is ComparisonOperator.StrictEqual or ComparisonOperator.StrictNotEqual;

    // The engine's compareCheck: validates both operands and maps a null paired with a falsy
    // value to the pair that JavaScript's == treats as equal.
    private LogicValue Check(LogicValue item, LogicValue previous)
    {
        if (IsStrict || (IsStringOrNull(item) && IsStringOrNull(previous)))
        {
            return item;
        }

        if (IsNaNAfterCoercion(item) && !previous.IsNull)
        {
            throw new LogicEvaluationException("A comparison operand is not a number.");
        }

        if (IsNaNAfterCoercion(previous))
        {
            throw new LogicEvaluationException("A comparison operand is not a number.");
        }

        if (previous.IsNull && !JsConvert.IsJsTruthy(item))
        {
            return LogicValue.Null;
        }

        if (item.IsNull && !JsConvert.IsJsTruthy(previous))
        {
            return LogicValue.FromNumber(0);
        }

        return item;
    }

    private bool Holds(LogicValue left, LogicValue right) => op switch
    {
        ComparisonOperator.Equal => JsOperators.LooseEquals(left, right),
        ComparisonOperator.NotEqual => !JsOperators.LooseEquals(left, right),
        ComparisonOperator.StrictEqual => JsOperators.StrictEquals(left, right),
        ComparisonOperator.StrictNotEqual => !JsOperators.StrictEquals(left, right),
        ComparisonOperator.Less => JsOperators.Compare(left, right) is < 0 and not JsOperators.Unordered,
        ComparisonOperator.LessOrEqual => JsOperators.Compare(left, right) is <= 0 and not JsOperators.Unordered,
        ComparisonOperator.Greater => JsOperators.Compare(left, right) is > 0 and not JsOperators.Unordered,
        _ => JsOperators.Compare(left, right) is >= 0 and not JsOperators.Unordered,
    };

    private static bool IsStringOrNull(LogicValue value) => value.Kind is LogicKind.String or LogicKind.Null;

    // precoerceNumber throws for objects, arrays and NaN; a string that is not a number gives NaN.
    private static bool IsNaNAfterCoercion(LogicValue value)
    {
        if (value.Kind is LogicKind.Array or LogicKind.Object)
        {
            throw new LogicEvaluationException("A comparison operand is an array or an object.");
        }

        return double.IsNaN(JsConvert.ToNumber(value).Number);
    }
}
