using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Drift;

/// <summary>Timings of scheduled drift checks, bound from the section <c>OrleansConfig:Drift</c>.</summary>
public sealed class DriftCheckOptions
{
    public const string SectionName = "OrleansConfig:Drift";

    /// <summary>
    /// How often a registered desired state is compared with its environment, in product time. The default
    /// value is 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often an active drift grain looks whether a check is due. Checks are due in product time, which tests
    /// replace with a fake clock, so the grain polls it on the runtime's clock. The default value is 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
