namespace OrleansConfig.Api.Security;

/// <summary>Logs failed authentications, at most one line per second with a count of the others.</summary>
public sealed partial class FailedAuthenticationLog(ILogger<FailedAuthenticationLog> logger, TimeProvider time)
{
    private readonly LogThrottle _throttle = new(time, TimeSpan.FromSeconds(1));

    /// <param name="keyId">The key id when the token parsed, else null.</param>
    /// <param name="outcome">malformed, invalid, expired or revoked.</param>
    public void Record(string? keyId, string outcome, string? remoteAddress)
    {
        if (_throttle.TryEnter(out var suppressed))
        {
            LogAuthenticationFailed(outcome, keyId ?? "(none)", remoteAddress ?? "(unknown)", suppressed);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Authentication failed: {Outcome} API key, key id {KeyId}, client {RemoteAddress} ({Suppressed} more failures since the last line)")]
    private partial void LogAuthenticationFailed(string outcome, string keyId, string remoteAddress, int suppressed);
}
