namespace OrleansConfig.Flags;

/// <summary>
/// What a flag is for, which sets how long it is expected to live. A release or experiment flag is
/// temporary and becomes potentially stale after 40 days, an operational flag after 7; kill switches
/// and permission flags are permanent.
/// </summary>
public static class FlagTypes
{
    public const string Release = "release";
    public const string Experiment = "experiment";
    public const string Operational = "operational";
    public const string KillSwitch = "kill-switch";
    public const string Permission = "permission";

    public static IReadOnlyList<string> All { get; } = [Release, Experiment, Operational, KillSwitch, Permission];

    /// <summary>The expected lifetime of a type, or null for a permanent one.</summary>
    public static TimeSpan? DefaultLifetime(string type) => type switch
    {
        Release or Experiment => TimeSpan.FromDays(40),
        Operational => TimeSpan.FromDays(7),
        _ => null,
    };
}
