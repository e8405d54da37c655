namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// One stage of a load profile: the arrival rate moves linearly from <see cref="StartRate"/> to
/// <see cref="EndRate"/> (requests per second) over <see cref="Duration"/>. <see cref="Phase"/> names
/// the stage in the report (ramp-up, steady, ramp-down, spike, recovery).
/// </summary>
public sealed record RateStage(string Phase, TimeSpan Duration, double StartRate, double EndRate)
{
    /// <summary>The number of arrivals the stage schedules: the area under its rate line.</summary>
    public double ExpectedArrivals => (StartRate + EndRate) / 2 * Duration.TotalSeconds;
}

/// <summary>The stages of one scenario, run one after the other.</summary>
public sealed record RateProfile(IReadOnlyList<RateStage> Stages)
{
    public const string RampUp = "ramp-up";
    public const string Steady = "steady";
    public const string RampDown = "ramp-down";
    public const string Spike = "spike";
    public const string Recovery = "recovery";

    public TimeSpan Duration => TimeSpan.FromTicks(Stages.Sum(s => s.Duration.Ticks));

    public double ExpectedArrivals => Stages.Sum(s => s.ExpectedArrivals);

    public double PeakRate => Stages.Max(s => Math.Max(s.StartRate, s.EndRate));

    /// <summary>Returns the usual shape: from 0 to <paramref name="rate"/>, hold it, and back to 0.</summary>
    public static RateProfile RampSteadyRampDown(double rate, TimeSpan ramp, TimeSpan steady, TimeSpan rampDown) =>
        new([
            new RateStage(RampUp, ramp, 0, rate),
            new RateStage(Steady, steady, rate, rate),
            new RateStage(RampDown, rampDown, rate, 0),
        ]);

    /// <summary>
    /// Returns a spike: a ramp to <paramref name="rate"/>, a third of <paramref name="steady"/> at it, a jump to
    /// <paramref name="multiplier"/> times the rate for <paramref name="spike"/>, and the rate again for the rest.
    /// </summary>
    public static RateProfile WithSpike(double rate, double multiplier, TimeSpan ramp, TimeSpan steady,
        TimeSpan spike, TimeSpan rampDown)
    {
        var before = steady / 3;

        return new RateProfile([
            new RateStage(RampUp, ramp, 0, rate),
            new RateStage(Steady, before, rate, rate),
            new RateStage(Spike, spike, rate * multiplier, rate * multiplier),
            new RateStage(Recovery, steady - before, rate, rate),
            new RateStage(RampDown, rampDown, rate, 0),
        ]);
    }

    /// <summary>Returns the phase at <paramref name="offset"/> from the start; past the end, the last one.</summary>
    public string PhaseAt(TimeSpan offset)
    {
        var end = TimeSpan.Zero;
        foreach (var stage in Stages)
        {
            end += stage.Duration;
            if (offset < end)
            {
                return stage.Phase;
            }
        }

        return Stages[^1].Phase;
    }
}
