using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Audit;

/// <summary>Timings of the audit log, bound from the section <c>OrleansConfig:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "OrleansConfig:Audit";

    /// <summary>
    /// How long a change waits for its audit record to be written before it fails with 503. The
    /// default value is 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A chain signs its head after this many new records. The default value is 1,000.</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>A chain with new records signs its head at least this often. The default value is 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}
