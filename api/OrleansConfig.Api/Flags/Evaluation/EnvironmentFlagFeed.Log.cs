namespace OrleansConfig.Api.Flags.Evaluation;

internal sealed partial class EnvironmentFlagFeed
{
    [LoggerMessage(EventId = 2501, Level = LogLevel.Debug,
        Message = "Compiled {Count} flags of {Namespace}/{Environment} at revision {Revision}")]
    private partial void LogLoaded(string @namespace, string environment, int count, long revision);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Debug,
        Message = "Applied {Count} flag changes to {Namespace}/{Environment} up to revision {Revision}")]
    private partial void LogApplied(string @namespace, string environment, int count, long revision);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information,
        Message = "Reloading the flags of {Namespace}/{Environment} after revision {Revision}: {Reason}")]
    private partial void LogReloading(string @namespace, string environment, long revision, string reason);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning,
        Message = "The flags of {Namespace}/{Environment} could not be loaded")]
    private partial void LogLoadFailed(string @namespace, string environment, Exception exception);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning,
        Message = "The flags of {Namespace}/{Environment} could not be refreshed; serving the compiled ones and "
            + "retrying in {DelaySeconds} s")]
    private partial void LogRefreshFailed(string @namespace, string environment, double delaySeconds,
        Exception exception);
}
