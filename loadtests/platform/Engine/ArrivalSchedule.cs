namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// The intended start times of an open-loop run: arrival i (from 0) is due when the area under the
/// rate line reaches i + 0.5, so a stage of constant rate r spaces arrivals exactly 1/r apart. The
/// load generator starts each request at its due time whether or not earlier ones returned.
/// </summary>
public static class ArrivalSchedule
{
    /// <summary>Returns the due offsets from the start of the profile, in ascending order.</summary>
    public static IEnumerable<TimeSpan> Offsets(RateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);

        var stageStart = TimeSpan.Zero;
        var before = 0.0;
        var next = 0.5;
        foreach (var stage in profile.Stages)
        {
            var area = stage.ExpectedArrivals;
            while (next < before + area)
            {
                var seconds = SecondsToReach(stage, next - before);
                yield return stageStart + TimeSpan.FromSeconds(seconds);
                next += 1;
            }

            before += area;
            stageStart += stage.Duration;
        }
    }

    /// <summary>
    /// Solves (r0 t + (r1 - r0) t² / (2 T)) = <paramref name="area"/> for t within the stage: the time at
    /// which a linear rate from r0 to r1 over T seconds has produced that many arrivals.
    /// </summary>
    public static double SecondsToReach(RateStage stage, double area)
    {
        ArgumentNullException.ThrowIfNull(stage);

        var duration = stage.Duration.TotalSeconds;
        var r0 = stage.StartRate;
        var slope = (stage.EndRate - r0) / duration;
        if (Math.Abs(slope) < 1e-12)
        {
            return area / r0;
        }

        // slope/2 t² + r0 t - area = 0; the root that lies in [0, duration].
        var discriminant = Math.Max(0, r0 * r0 + 2 * slope * area);

        return Math.Clamp((-r0 + Math.Sqrt(discriminant)) / slope, 0, duration);
    }
}
