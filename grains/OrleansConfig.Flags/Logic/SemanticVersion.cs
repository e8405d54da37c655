using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// A semantic version (SemVer 2.0.0) as flagd's <c>sem_ver</c> reads it: one leading "v" or
/// "V" is dropped, then the strict grammar of the npm semver package applies (which allows one
/// more "v"); "1" and "1.2" are read as 1.0.0 and 1.2.0.
/// </summary>
internal sealed partial class SemanticVersion
{
    private const int MaxLength = 256;
    private const long MaxSafeInteger = 9007199254740991;

    private SemanticVersion(long major, long minor, long patch, string[] prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    public string[] Prerelease { get; }

    /// <summary>Parses a version, or returns null when the text is not one.</summary>
    public static SemanticVersion? Parse(string text)
    {
        var withoutPrefix = text.Length > 0 && text[0] is 'v' or 'V' ? text[1..] : text;

        return ParseStrict(withoutPrefix) ?? (PartialVersion().IsMatch(withoutPrefix) ? Coerce(withoutPrefix) : null);
    }

    /// <summary>Compares by SemVer precedence; build metadata does not count.</summary>
    public int CompareTo(SemanticVersion other)
    {
        var main = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        if (main != 0)
        {
            return main;
        }

        // A version without a pre-release ranks above every pre-release of it.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return other.Prerelease.Length.CompareTo(Prerelease.Length);
        }

        for (var i = 0; i < Math.Min(Prerelease.Length, other.Prerelease.Length); i++)
        {
            var order = CompareIdentifiers(Prerelease[i], other.Prerelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return Prerelease.Length.CompareTo(other.Prerelease.Length);
    }

    // Numeric identifiers rank below alphanumeric ones and compare by value; they have no
    // leading zeros, so a longer one is larger. Others compare by UTF-16 code units.
    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = IsNumeric(left);
        var rightNumeric = IsNumeric(right);
        if (leftNumeric && rightNumeric)
        {
            return left.Length != right.Length
                ? left.Length.CompareTo(right.Length)
                : Math.Sign(string.CompareOrdinal(left, right));
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool IsNumeric(string identifier)
    {
        foreach (var c in identifier)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static SemanticVersion? ParseStrict(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        var match = StrictVersion().Match(text.AsSpan().Trim(JsWhitespace).ToString());
        if (!match.Success)
        {
            return null;
        }

        if (!TryComponent(match.Groups[1].Value, out var major) || !TryComponent(match.Groups[2].Value, out var minor)
            || !TryComponent(match.Groups[3].Value, out var patch))
        {
            return null;
        }

        var prerelease = match.Groups[4].Success ? match.Groups[4].Value.Split('.') : [];

        return new SemanticVersion(major, minor, patch, prerelease);
    }

    private static SemanticVersion? Coerce(string text)
    {
        var match = CoercibleVersion().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var minor = match.Groups[3].Success ? match.Groups[3].Value : "0";
        var patch = match.Groups[4].Success ? match.Groups[4].Value : "0";

        return ParseStrict($"{match.Groups[2].Value}.{minor}.{patch}");
    }

    private static bool TryComponent(string digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaxSafeInteger;

    private const string JsWhitespace =
        "\t\n\v\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
        + "\u2028\u2029\u202F\u205F\u3000\uFEFF";

    private const string Numeric = "0|[1-9][0-9]*";
    private const string Identifier = "(?:[0-9]*[a-zA-Z-][a-zA-Z0-9-]*|" + Numeric + ")";

    [GeneratedRegex(
        "^v?(" + Numeric + ")\\.(" + Numeric + ")\\.(" + Numeric + ")"
        + "(?:-(" + Identifier + "(?:\\." + Identifier + ")*))?"
        + "(?:\\+[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*)?\\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex StrictVersion();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartialVersion();

    // npm semver's coerce: up to three dot-separated runs of at most 16 digits.
    [GeneratedRegex(
        "(^|[^0-9])([0-9]{1,16})(?:\\.([0-9]{1,16}))?(?:\\.([0-9]{1,16}))?(?:\\z|[^0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex CoercibleVersion();
}
