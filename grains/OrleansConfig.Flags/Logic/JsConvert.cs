using System.Globalization;
using System.Text;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// The JavaScript conversions that flagd's JsonLogic engine (json-logic-engine 5, run by
/// @openfeature/flagd-core) applies: truthiness, ToNumber and ToString.
/// </summary>
internal static class JsConvert
{
    private const string JsWhitespace =
        "\t\n\v\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
        + "\u2028\u2029\u202F\u205F\u3000\uFEFF";

    /// <summary>
    /// JsonLogic truthiness: JavaScript's, except that an empty array and an empty object are false.
    /// </summary>
    public static bool IsTruthy(LogicValue value) => value.Kind switch
    {
        LogicKind.Null => false,
        LogicKind.Boolean => value.Boolean,
        LogicKind.Number => value.Number != 0 && !double.IsNaN(value.Number),
        LogicKind.String => value.String.Length > 0,
        LogicKind.Array => value.Array.Length > 0,
        _ => value.Object.Count > 0,
    };

    /// <summary>Plain JavaScript truthiness, as the <c>||</c> operator sees it.</summary>
    public static bool IsJsTruthy(LogicValue value) =>
        value.Kind is LogicKind.Array or LogicKind.Object || IsTruthy(value);

    /// <summary>ToNumber of a primitive: null is 0, booleans 0 and 1, strings by JavaScript's grammar.</summary>
    public static LogicValue ToNumber(LogicValue value) => value.Kind switch
    {
        LogicKind.Null => LogicValue.FromNumber(0),
        LogicKind.Boolean => LogicValue.FromNumber(value.Boolean ? 1 : 0),
        LogicKind.Number => value,
        LogicKind.String => StringToNumber(value.String),
        _ => LogicValue.FromNumber(double.NaN),
    };

    /// <summary>JavaScript's StringToNumber: trimmed decimal, hexadecimal, octal or binary text.</summary>
    public static LogicValue StringToNumber(string text)
    {
        var trimmed = text.AsSpan().Trim(JsWhitespace);
        if (trimmed.IsEmpty)
        {
            return LogicValue.FromNumber(0);
        }

        if (trimmed.Length > 2 && trimmed[0] == '0' && ParseRadix(trimmed[2..], trimmed[1]) is { } radixValue)
        {
            return LogicValue.FromNumber(radixValue);
        }

        if (trimmed is "Infinity" or "+Infinity")
        {
            return LogicValue.FromNumber(double.PositiveInfinity);
        }

        if (trimmed is "-Infinity")
        {
            return LogicValue.FromNumber(double.NegativeInfinity);
        }

        if (!IsDecimalLiteral(trimmed))
        {
            return LogicValue.FromNumber(double.NaN);
        }

        var value = double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture);

        return LogicValue.FromNumberText(trimmed.ToString(), value);
    }

    /// <summary>JavaScript's ToString, as string concatenation and <c>String(x)</c> apply it.</summary>
    public static string ToJsString(LogicValue value) => value.Kind switch
    {
        LogicKind.Null => "null",
        LogicKind.Boolean => value.Boolean ? "true" : "false",
        LogicKind.Number => FormatNumber(value.Number),
        LogicKind.String => value.String,
        LogicKind.Array => JoinArray(value.Array),
        _ => "[object Object]",
    };

    /// <summary>Formats a double as JavaScript's Number.prototype.toString() does.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return FormatShortest(value);
    }

    /// <summary>ToIntegerOrInfinity of a primitive, with NaN as 0.</summary>
    public static double ToIntegerOrInfinity(LogicValue value)
    {
        var number = ToNumber(value).Number;

        return double.IsNaN(number) ? 0 : Math.Truncate(number);
    }

    private static string JoinArray(LogicValue[] items)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            if (!items[i].IsNull)
            {
                builder.Append(ToJsString(items[i]));
            }
        }

        return builder.ToString();
    }

    // Number::toString: shortest round-trip digits d1…dk with value 0.d1…dk × 10^n, then fixed
    // notation for -6 < n ≤ 21 and exponential notation outside that range.
    private static string FormatShortest(double value)
    {
        var (digits, n) = ShortestDigits(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var sign = value < 0 ? "-" : string.Empty;
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var exponentText = (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);

        return k == 1
            ? sign + digits + "e" + exponentText
            : sign + digits[..1] + "." + digits[1..] + "e" + exponentText;
    }

    // Splits .NET's shortest round-trip text ("123.45", "1.5E-07") into significant digits
    // d1…dk and the point position n, so that the value is 0.d1…dk × 10^n.
    private static (string Digits, int PointPosition) ShortestDigits(string roundTrip)
    {
        var e = roundTrip.IndexOf('E');
        var exponent = e >= 0
            ? int.Parse(roundTrip.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : 0;
        var mantissa = e >= 0 ? roundTrip[..e] : roundTrip;
        var point = mantissa.IndexOf('.');
        var integerLength = point >= 0 ? point : mantissa.Length;
        var all = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var significant = all.TrimStart('0');
        var leadingZeros = all.Length - significant.Length;

        return (significant.TrimEnd('0'), integerLength - leadingZeros + exponent);
    }

    private static double? ParseRadix(ReadOnlySpan<char> digits, char marker)
    {
        var radix = marker switch
        {
            'x' or 'X' => 16,
            'o' or 'O' => 8,
            'b' or 'B' => 2,
            _ => 0,
        };
        if (radix == 0)
        {
            return null;
        }

        double value = 0;
        foreach (var c in digits)
        {
            var digit = HexDigit(c);
            if (digit < 0 || digit >= radix)
            {
                return double.NaN;
            }

            value = value * radix + digit;
        }

        return value;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // StrDecimalLiteral: [+-] (digits [. digits] | . digits) [(e|E) [+-] digits].
    private static bool IsDecimalLiteral(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (text[0] is '+' or '-')
        {
            i++;
        }

        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        return index - start;
    }
}
