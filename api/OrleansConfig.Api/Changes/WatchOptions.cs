using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Api.Changes;

/// <summary>Timings of watch streams and long polls, bound from the section <c>OrleansConfig:Watch</c>.</summary>
public sealed class WatchOptions
{
    public const string SectionName = "OrleansConfig:Watch";

    /// <summary>
    /// How often a watch stream without events sends a comment line, so that proxies and clients see
    /// the connection alive. The default value is 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>?wait=</c> a long poll may ask for. The default value is 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);
}
