namespace OrleansConfig.Api.Security;

/// <summary>
/// Lets one log line through per interval and counts the ones it holds back, so a flood of failed
/// requests cannot flood the log.
/// </summary>
public sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _nextTicks;
    private int _suppressed;

    /// <summary>
    /// Returns true when a line may be written; <paramref name="suppressed"/> is then the count held
    /// back since the last one.
    /// </summary>
    public bool TryEnter(out int suppressed)
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextTicks, now + interval.Ticks, next) != next)
        {
            Interlocked.Increment(ref _suppressed);
            suppressed = 0;

            return false;
        }

        suppressed = Interlocked.Exchange(ref _suppressed, 0);

        return true;
    }
}
