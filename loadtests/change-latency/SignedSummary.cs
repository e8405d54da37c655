namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// Median and 99th percentile of differences in milliseconds that may be negative, which a
/// histogram of latencies cannot hold; computed exactly from the sorted values.
/// </summary>
public sealed record SignedSummary(double P50, double P99)
{
    public static SignedSummary From(List<double> values)
    {
        if (values.Count == 0)
        {
            return new SignedSummary(double.NaN, double.NaN);
        }

        values.Sort();

        return new SignedSummary(At(values, 0.50), At(values, 0.99));
    }

    /// <summary>
    /// Returns the smallest value with at least <paramref name="fraction"/> of the values at or below it.
    /// </summary>
    private static double At(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
