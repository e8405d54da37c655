using System.ComponentModel.DataAnnotations;

namespace OrleansConfig.Api.Security;

/// <summary>The per-caller rate limit, read from <c>OrleansConfig:RateLimit</c>.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "OrleansConfig:RateLimit";

    /// <summary>
    /// Requests per second that each caller's bucket regains; 0 turns the limit off. The default value is 500.
    /// </summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>
    /// The bucket size: requests a caller may send at once after being idle. The default value is 1000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 1000;
}
