using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Options;

/// <summary>
/// The phases, rates and sizes of a profile. Rates are the scenario base rates (see
/// <c>ScenarioCatalog</c>) times <see cref="RateScale"/>; <see cref="MaxInFlight"/> bounds the virtual
/// users busy at once in each open-loop scenario.
/// </summary>
public sealed record ProfileSettings(
    string Name,
    TimeSpan Ramp,
    TimeSpan Steady,
    TimeSpan RampDown,
    double RateScale,
    int MaxInFlight,
    int Subscribers,
    int LongPollers,
    TimeSpan LongPollWait,
    TimeSpan Soak,
    double SpikeMultiplier,
    TimeSpan SpikeDuration,
    SeedVolume Volume)
{
    /// <summary>About a minute in all: 5 s per scenario at a tenth of the machine rates, on a small data set.</summary>
    public static readonly ProfileSettings Smoke = new("smoke", Seconds(1), Seconds(3), Seconds(1), 0.1, 32, 5, 2,
        Seconds(2), Seconds(8), 4, Seconds(1), SeedVolume.Small);

    /// <summary>One machine: 1 minute ramp, 3 minutes steady, 30 s ramp-down, a 10-minute soak.</summary>
    public static readonly ProfileSettings Machine = new("machine", Seconds(60), Seconds(180), Seconds(30), 1, 256,
        50, 8, Seconds(20), Seconds(600), 5, Seconds(20), SeedVolume.Default);

    /// <summary>The long form of a staging verification: 2 minutes ramp, 10 minutes steady, a 1-hour soak.</summary>
    public static readonly ProfileSettings Staging = new("staging", Seconds(120), Seconds(600), Seconds(60), 2, 1024,
        100, 32, Seconds(30), Seconds(3600), 5, Seconds(60), SeedVolume.Default);

    public static ProfileSettings? ByName(string name) => name switch
    {
        "smoke" => Smoke,
        "machine" => Machine,
        "staging" => Staging,
        _ => null,
    };

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
