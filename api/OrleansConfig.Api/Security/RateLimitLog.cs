namespace OrleansConfig.Api.Security;

/// <summary>Logs requests the rate limiter rejects, at most one line per second with a count of the others.</summary>
public sealed partial class RateLimitLog(ILogger<RateLimitLog> logger, TimeProvider time)
{
    private readonly LogThrottle _throttle = new(time, TimeSpan.FromSeconds(1));

    /// <param name="partition">The caller's key id or token subject, or the client address.</param>
    public void Record(string partition, string method, string path)
    {
        if (_throttle.TryEnter(out var suppressed))
        {
            LogRejected(partition, method, path, suppressed);
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Rate limit exceeded by {Partition} on {Method} {Path} ({Suppressed} more rejections since the last line)")]
    private partial void LogRejected(string partition, string method, string path, int suppressed);
}
