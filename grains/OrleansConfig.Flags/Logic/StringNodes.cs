using System.Text;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// <c>{"in": [item, container]}</c>: membership in an array (strict equality) or a substring
/// test in a string, comparing UTF-16 code units. A falsy container yields false; a number,
/// boolean or object container raises an error.
/// </summary>
internal sealed class InNode(LogicNode item, LogicNode container) : LogicNode
{
    public override bool AssignsPrevious => item.AssignsPrevious || container.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var needle = item.Evaluate(scope);
        var haystack = container.Evaluate(scope);
        if (!JsConvert.IsJsTruthy(haystack))
        {
            return LogicValue.False;
        }

        if (haystack.IsString)
        {
            var text = JsConvert.ToJsString(needle);

            return LogicValue.FromBoolean(haystack.String.Contains(text, StringComparison.Ordinal));
        }

        if (haystack.Kind != LogicKind.Array)
        {
            throw new LogicEvaluationException("in needs an array or a string as its second argument.");
        }

        foreach (var candidate in haystack.Array)
        {
            // Array.prototype.includes uses SameValueZero: strict equality, with NaN equal to NaN.
            if (JsOperators.StrictEquals(candidate, needle)
                || (candidate.IsNumber && needle.IsNumber && double.IsNaN(candidate.Number)
                    && double.IsNaN(needle.Number)))
            {
                return LogicValue.True;
            }
        }

        return LogicValue.False;
    }
}

/// <summary>
/// <c>cat</c>: the arguments joined as JavaScript's string concatenation converts them, so a
/// null reads "null". A constant <c>cat</c>, which the compiler evaluates, skips nulls instead,
/// as flagd's engine does when it folds constants.
/// </summary>
internal sealed class CatNode(LogicNode[] arguments) : LogicNode
{
    public override bool AssignsPrevious { get; } = AnyAssigns(arguments);

    public override LogicValue Evaluate(in Scope scope)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            var value = argument.Evaluate(scope);
            if (!(scope.IsFolding && value.IsNull))
            {
                builder.Append(JsConvert.ToJsString(value));
            }
        }

        return LogicValue.FromString(builder.ToString());
    }
}

/// <summary><c>cat</c> given one expression: a string as it is, an array joined without its nulls.</summary>
internal sealed class CatOverValueNode(LogicNode operand) : LogicNode
{
    public override bool AssignsPrevious => operand.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = operand.Evaluate(scope);
        if (value.Kind != LogicKind.Array)
        {
            return value.IsString ? value : LogicValue.FromString(JsConvert.ToJsString(value));
        }

        var builder = new StringBuilder();
        foreach (var item in value.Array)
        {
            if (!item.IsNull)
            {
                builder.Append(JsConvert.ToJsString(item));
            }
        }

        return LogicValue.FromString(builder.ToString());
    }
}

/// <summary>
/// <c>{"substr": [string, start, length]}</c> with JavaScript's String.prototype.substr: a
/// negative start counts from the end, a negative length drops that many characters from the end.
/// </summary>
internal sealed class SubstrNode(LogicNode[] arguments) : LogicNode
{
    public override bool AssignsPrevious { get; } = AnyAssigns(arguments);

    public override LogicValue Evaluate(in Scope scope)
    {
        var source = arguments.Length > 0 ? arguments[0].Evaluate(scope) : LogicValue.Null;
        if (!source.IsString)
        {
            throw new LogicEvaluationException("substr needs a string as its first argument.");
        }

        var text = source.String;
        var start = arguments.Length > 1 ? JsConvert.ToIntegerOrInfinity(arguments[1].Evaluate(scope)) : 0;
        var length = arguments.Length > 2 ? arguments[2].Evaluate(scope) : (LogicValue?)null;
        var tail = Substr(text, start, null);
        if (length is { } lengthValue && JsOperators.Compare(lengthValue, LogicValue.FromNumber(0)) is < 0
            and not JsOperators.Unordered)
        {
            return LogicValue.FromString(Substr(tail, 0, tail.Length + JsConvert.ToIntegerOrInfinity(lengthValue)));
        }

        var result = length is { } count ? Substr(text, start, JsConvert.ToIntegerOrInfinity(count)) : tail;

        return LogicValue.FromString(result);
    }

    private static string Substr(string text, double start, double? length)
    {
        var from = start < 0 ? Math.Max(text.Length + start, 0) : Math.Min(start, text.Length);
        var count = Math.Clamp(length ?? double.PositiveInfinity, 0, text.Length - from);

        return text.Substring((int)from, (int)count);
    }
}

/// <summary>
/// <c>starts_with</c> and <c>ends_with</c>: two strings, compared by UTF-16 code units; null
/// otherwise.
/// </summary>
internal sealed class StringComparisonNode : LogicNode
{
    private readonly LogicNode? _arguments;
    private readonly LogicNode? _text;
    private readonly LogicNode? _affix;
    private readonly bool _isStartsWith;

    /// <summary>Creates the node over an argument array that only evaluation produces.</summary>
    public StringComparisonNode(LogicNode arguments, bool isStartsWith)
    {
        _arguments = arguments;
        _isStartsWith = isStartsWith;
    }

    /// <summary>
    /// Creates the node over the two items of an argument array literal, so that evaluation builds
    /// no array.
    /// </summary>
    public StringComparisonNode(LogicNode text, LogicNode affix, bool isStartsWith)
    {
        _text = text;
        _affix = affix;
        _isStartsWith = isStartsWith;
    }

    public override bool AssignsPrevious =>
        _arguments?.AssignsPrevious == true || _text?.AssignsPrevious == true || _affix?.AssignsPrevious == true;

    public override LogicValue Evaluate(in Scope scope)
    {
        LogicValue text;
        LogicValue affix;
        if (_arguments is null)
        {
            text = _text!.Evaluate(scope);
            affix = _affix!.Evaluate(scope);
        }
        else
        {
            var value = _arguments.Evaluate(scope);
            if (value.Kind != LogicKind.Array || value.Array.Length != 2)
            {
                return LogicValue.Null;
            }

            (text, affix) = (value.Array[0], value.Array[1]);
        }

        if (!text.IsString || !affix.IsString)
        {
            return LogicValue.Null;
        }

        return LogicValue.FromBoolean(_isStartsWith
            ? text.String.StartsWith(affix.String, StringComparison.Ordinal)
            : text.String.EndsWith(affix.String, StringComparison.Ordinal));
    }
}
