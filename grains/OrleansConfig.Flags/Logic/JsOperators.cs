namespace OrleansConfig.Flags.Logic;

/// <summary>JavaScript's equality and relational operators over JSON values.</summary>
internal static class JsOperators
{
    /// <summary>The result of <see cref="Compare"/> when either side is NaN.</summary>
    public const int Unordered = int.MinValue;

    /// <summary>JavaScript's ===, with numbers compared by decimal value.</summary>
    public static bool StrictEquals(LogicValue left, LogicValue right)
    {
        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            LogicKind.Null => true,
            LogicKind.Boolean => left.Boolean == right.Boolean,
            LogicKind.Number => !double.IsNaN(left.Number) && ExactNumber.Compare(left, right) == 0,
            LogicKind.String => string.Equals(left.String, right.String, StringComparison.Ordinal),
            _ => ReferenceEquals(left.Reference, right.Reference),
        };
    }

    /// <summary>JavaScript's == over JSON values.</summary>
    public static bool LooseEquals(LogicValue left, LogicValue right)
    {
        if (left.Kind == right.Kind)
        {
            return StrictEquals(left, right);
        }

        if (left.IsNull || right.IsNull)
        {
            return false;
        }

        if (left.Kind is LogicKind.Array or LogicKind.Object)
        {
            return LooseEquals(LogicValue.FromString(JsConvert.ToJsString(left)), right);
        }

        if (right.Kind is LogicKind.Array or LogicKind.Object)
        {
            return LooseEquals(left, LogicValue.FromString(JsConvert.ToJsString(right)));
        }

        return StrictEquals(JsConvert.ToNumber(left), JsConvert.ToNumber(right));
    }

    /// <summary>
    /// JavaScript's relational comparison: strings by UTF-16 code units, everything else as
    /// numbers by decimal value. Returns <see cref="Unordered"/> when either side is NaN.
    /// </summary>
    public static int Compare(LogicValue left, LogicValue right)
    {
        // ToPrimitive turns arrays and objects into strings ("a,b", "[object Object]") first.
        var a = ToPrimitive(left);
        var b = ToPrimitive(right);
        if (a.IsString && b.IsString)
        {
            return Math.Sign(string.CompareOrdinal(a.String, b.String));
        }

        a = JsConvert.ToNumber(a);
        b = JsConvert.ToNumber(b);
        if (double.IsNaN(a.Number) || double.IsNaN(b.Number))
        {
            return Unordered;
        }

        return Math.Sign(ExactNumber.Compare(a, b));
    }

    private static LogicValue ToPrimitive(LogicValue value) =>
        value.Kind is LogicKind.Array or LogicKind.Object ? LogicValue.FromString(JsConvert.ToJsString(value)) : value;
}
