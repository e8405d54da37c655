using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Configuration;

/// <summary>Limits and timings of configuration storage, bound from the section <c>OrleansConfig:Store</c>.</summary>
public sealed class ConfigStoreOptions
{
    public const string SectionName = "OrleansConfig:Store";

    /// <summary>
    /// Maximum size of one value in UTF-8 bytes. The default value is 262,144 (256 KiB).
    /// </summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxValueBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How often an environment re-reads the keys changed since its last read, so that a change made
    /// durable by a silo that died before reporting it still reaches the snapshot. The default value
    /// is 10 seconds.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many of the latest change events each environment keeps for subscribers that resume. A
    /// subscriber further behind is sent a resync to reload the snapshot. The default value is 10,000.
    /// </summary>
    [Range(100, 10_000_000)]
    public int ChangeLogRetention { get; set; } = 10_000;
}
