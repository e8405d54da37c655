using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Options;

/// <summary>How requests reach the platform.</summary>
public enum DriverKind
{
    /// <summary>HTTP to the api, as any service does.</summary>
    Http,

    /// <summary>Grain calls through an Orleans client, as a co-hosted .NET app does.</summary>
    Orleans,
}

/// <summary>The settings of one run of the load tool, read from the command line.</summary>
public sealed record LoadOptions
{
    public ProfileSettings Profile { get; init; } = ProfileSettings.Smoke;

    /// <summary>The scenarios to run, in order; empty runs them all.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public Uri Target { get; init; } = new("http://127.0.0.1:5080/");

    /// <summary>Hosts other than loopback that the operator allowed with --allow-target.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public DriverKind Driver { get; init; } = DriverKind.Http;

    public string OutputDirectory { get; init; } = "";

    public string AdminKey { get; init; } = "";

    public string? SeedStatePath { get; init; }

    public bool Seed { get; init; } = true;

    /// <summary>Overrides the profile's data volume when set.</summary>
    public SeedVolume? Volume { get; init; }

    public string Prefix { get; init; } = "load";

    public TimeSpan? Ramp { get; init; }

    public TimeSpan? Steady { get; init; }

    public TimeSpan? RampDown { get; init; }

    public TimeSpan? Soak { get; init; }

    public double? RateScale { get; init; }

    public long MaxRequests { get; init; } = 2_000_000;

    public IReadOnlyDictionary<string, int> Watched { get; init; } = new Dictionary<string, int>();

    public string SloPath { get; init; } = "";

    public string Redis { get; init; } = "127.0.0.1:6379";

    public string ClusterId { get; init; } = "orleansconfig";

    public string ServiceId { get; init; } = "orleansconfig";

    /// <summary>The profile with the command line's overrides applied.</summary>
    public ProfileSettings Effective => Profile with
    {
        Ramp = Ramp ?? Profile.Ramp,
        Steady = Steady ?? Profile.Steady,
        RampDown = RampDown ?? Profile.RampDown,
        Soak = Soak ?? Profile.Soak,
        RateScale = RateScale ?? Profile.RateScale,
        Volume = Volume ?? Profile.Volume,
    };
}
