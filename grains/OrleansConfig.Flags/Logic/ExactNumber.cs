using System.Globalization;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// Compares numbers by their decimal value rather than by their rounded binary64 value.
/// </summary>
/// <remarks>
/// The decimal value of a number written in JSON is its text; the decimal value of a number
/// that has no text (an arithmetic result or a double from the caller) is the shortest text
/// that round-trips its double. Two written numbers that round to the same double, such as
/// 9007199254740993 and 9007199254740992, therefore compare as different.
/// </remarks>
internal static class ExactNumber
{
    private const int MaxDoubleTextLength = 32;

    /// <summary>Returns true when the shortest round-trip text of the double has the text's value.</summary>
    public static bool IsExactDouble(ReadOnlySpan<char> text, double value)
    {
        if (IsShortInteger(text) || !double.IsFinite(value))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[MaxDoubleTextLength];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);

        return CompareText(text, buffer[..written]) == 0;
    }

    /// <summary>Compares two numbers by decimal value: negative, zero or positive.</summary>
    public static int Compare(LogicValue left, LogicValue right)
    {
        var byDouble = left.Number.CompareTo(right.Number);
        if (byDouble != 0 || (left.NumberText is null && right.NumberText is null))
        {
            // Rounding to binary64 is monotonic, so different doubles order their texts alike.
            return byDouble;
        }

        Span<char> leftBuffer = stackalloc char[MaxDoubleTextLength];
        Span<char> rightBuffer = stackalloc char[MaxDoubleTextLength];

        return CompareText(TextOf(left, leftBuffer), TextOf(right, rightBuffer));
    }

    /// <summary>Compares two JSON number texts by decimal value.</summary>
    public static int CompareText(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var a = new DecimalText(left);
        var b = new DecimalText(right);
        if (a.IsZero && b.IsZero)
        {
            return 0;
        }

        var sign = SignOf(a).CompareTo(SignOf(b));
        if (sign != 0)
        {
            return sign;
        }

        var magnitude = CompareMagnitude(a, b);

        return a.Negative ? -magnitude : magnitude;
    }

    private static ReadOnlySpan<char> TextOf(LogicValue value, Span<char> buffer)
    {
        if (value.NumberText is { } text)
        {
            return text;
        }

        value.Number.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);

        return buffer[..written];
    }

    private static int SignOf(DecimalText value) => value.IsZero ? 0 : value.Negative ? -1 : 1;

    private static int CompareMagnitude(DecimalText a, DecimalText b)
    {
        var byExponent = a.PointPosition.CompareTo(b.PointPosition);
        if (byExponent != 0)
        {
            return byExponent;
        }

        var length = Math.Max(a.DigitCount, b.DigitCount);
        for (var i = 0; i < length; i++)
        {
            var byDigit = a.DigitAt(i).CompareTo(b.DigitAt(i));
            if (byDigit != 0)
            {
                return byDigit;
            }
        }

        return 0;
    }

    private static bool IsShortInteger(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        if (digits.Length is 0 or > 15)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A number text split into sign, significant digits and the position of the decimal point:
    /// the value is 0.d1d2d3… × 10^PointPosition.
    /// </summary>
    private readonly ref struct DecimalText
    {
        private readonly ReadOnlySpan<char> _integer;
        private readonly ReadOnlySpan<char> _fraction;
        private readonly int _skipped;

        public DecimalText(ReadOnlySpan<char> text)
        {
            Negative = text.Length > 0 && text[0] == '-';
            if (text.Length > 0 && text[0] is '-' or '+')
            {
                text = text[1..];
            }

            var exponentAt = text.IndexOfAny('e', 'E');
            long exponent = 0;
            if (exponentAt >= 0)
            {
                exponent = ParseExponent(text[(exponentAt + 1)..]);
                text = text[..exponentAt];
            }

            var pointAt = text.IndexOf('.');
            _integer = pointAt >= 0 ? text[..pointAt] : text;
            _fraction = pointAt >= 0 ? text[(pointAt + 1)..] : [];

            // Trailing zeros need no trimming: DigitAt reads zeros past the last digit.
            _skipped = 0;
            var total = _integer.Length + _fraction.Length;
            while (_skipped < total && RawDigit(_skipped) == '0')
            {
                _skipped++;
            }

            DigitCount = total - _skipped;
            PointPosition = exponent + _integer.Length - _skipped;
        }

        public bool Negative { get; }

        public int DigitCount { get; }

        public long PointPosition { get; }

        public bool IsZero => DigitCount == 0;

        public char DigitAt(int index) => index < DigitCount ? RawDigit(index + _skipped) : '0';

        private char RawDigit(int index) =>
            index < _integer.Length ? _integer[index] : _fraction[index - _integer.Length];

        private static long ParseExponent(ReadOnlySpan<char> text)
        {
            var negative = text.Length > 0 && text[0] == '-';
            if (text.Length > 0 && text[0] is '-' or '+')
            {
                text = text[1..];
            }

            long value = 0;
            foreach (var c in text)
            {
                // Clamped: an exponent beyond a billion orders like any larger one.
                value = Math.Min(value * 10 + (c - '0'), 1_000_000_000);
            }

            return negative ? -value : value;
        }
    }
}
