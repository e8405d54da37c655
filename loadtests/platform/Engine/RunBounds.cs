namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// The limits every scenario runs within: at most <see cref="MaxRequests"/> requests, nothing sent
/// later than <see cref="Grace"/> after the profile's end, and <see cref="RequestTimeout"/> per request.
/// </summary>
public sealed record RunBounds(long MaxRequests, TimeSpan Grace, TimeSpan RequestTimeout)
{
    /// <summary>The default value: 2 million requests, 10 s of grace, 10 s per request.</summary>
    public static readonly RunBounds Default = new(2_000_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
}
