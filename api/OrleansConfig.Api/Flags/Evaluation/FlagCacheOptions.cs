using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Api.Flags.Evaluation;

/// <summary>Settings of the api's compiled flag cache, read from <c>OrleansConfig:FlagCache</c>.</summary>
public sealed class FlagCacheOptions
{
    public const string SectionName = "OrleansConfig:FlagCache";

    /// <summary>
    /// How long an environment's flags stay compiled in this process after their last evaluation;
    /// then they are dropped and the next evaluation loads them again. The default value is 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The maximum wait between two attempts to reload an environment's flags after the cluster
    /// failed to deliver them. The wait starts at one second and doubles. The default value is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
