namespace OrleansConfig.Client.State;

/// <summary>
/// Exponential backoff with jitter: the ceiling doubles from the minimum on every consecutive failure up
/// to the maximum, and the delay is drawn between half the ceiling and the ceiling, so clients that lost
/// the same api do not return in step.
/// </summary>
internal static class ReconnectBackoff
{
    public static TimeSpan Delay(int failures, TimeSpan min, TimeSpan max, Random random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(min.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var milliseconds = (ceiling / 2) + (random.NextDouble() * ceiling / 2);

        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
