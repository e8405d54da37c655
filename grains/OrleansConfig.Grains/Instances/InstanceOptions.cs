using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Instances;

/// <summary>How long instances stay listed without a heartbeat, bound from <c>OrleansConfig:Instances</c>.</summary>
public sealed class InstanceOptions
{
    public const string SectionName = "OrleansConfig:Instances";

    /// <summary>
    /// Silence after which an instance shows as stale: three heartbeats of the client's default 30-second interval.
    /// The default value is 90 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Silence after which an instance is no longer listed. The default value is 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}
