using System.Globalization;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>Number formats of the report, culture-invariant; a missing value is a dash.</summary>
public static class Format
{
    public static string Ms(double value) => double.IsFinite(value)
        ? value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture)
        : "–";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double value) => double.IsFinite(value)
        ? value.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture)
        : "–";

    public static string Percent(double fraction) => double.IsFinite(fraction)
        ? (fraction * 100).ToString(fraction == 0 ? "0" : "0.###", CultureInfo.InvariantCulture) + " %"
        : "–";

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
