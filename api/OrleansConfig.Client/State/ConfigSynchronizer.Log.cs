using Microsoft.Extensions.Logging;

namespace OrleansConfig.Client.State;

internal sealed partial class ConfigSynchronizer
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Loaded {Namespace}/{Environment} at revision {Revision} with {KeyCount} keys from the platform")]
    private partial void LogSnapshotLoaded(string @namespace, string environment, long revision, int keyCount);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Started {Namespace}/{Environment} from the cache file {Path} at revision {Revision} because the platform gave no configuration: {Reason}")]
    private partial void LogStartedFromCache(
        string @namespace, string environment, string path, long revision, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Started {Namespace}/{Environment} empty, as an optional provider without a cache, because the platform gave no configuration: {Reason}")]
    private partial void LogStartedEmpty(string @namespace, string environment, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Change feed {Feed} open at revision {Revision}; applied revision {AppliedRevision}")]
    private partial void LogConnected(string feed, long revision, long appliedRevision);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug,
        Message = "Applied {Key} version {Version} (deleted: {Deleted}) at revision {Revision}")]
    private partial void LogChangeApplied(string key, int version, long revision, bool deleted);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Change feed {Feed} failed {Failures} time(s) in a row; reconnecting in {DelaySeconds:0.##} s: {Error}")]
    private partial void LogFeedFailed(string feed, int failures, double delaySeconds, string error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error,
        Message = "Change feed {Feed} rejected the request: {Error} Retrying in {DelaySeconds:0.##} s")]
    private partial void LogRejected(string feed, string error, double delaySeconds);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information,
        Message = "Change feed {Feed} ended; reconnecting in {DelaySeconds:0.##} s")]
    private partial void LogStreamEnded(string feed, double delaySeconds);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning,
        Message = "Change feed {Feed} cannot replay after revision {AppliedRevision} (head {Revision}, first retained {FirstRetained}); reloading the snapshot")]
    private partial void LogResync(string feed, long appliedRevision, long revision, long firstRetained);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "Change feed {Feed} skipped from revision {Expected} to {Received}; reloading the snapshot")]
    private partial void LogGap(string feed, long expected, long received);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "The value of {Key} is not valid JSON and is left out of the configuration: {Error}")]
    private partial void LogInvalidValue(string key, string error);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Could not read the cache file {Path}")]
    private partial void LogCacheReadFailed(string path, Exception exception);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Stopped watching {Namespace}/{Environment}")]
    private partial void LogStopped(string @namespace, string environment);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Change feed {Feed} did not stop within 10 s")]
    private partial void LogStopTimedOut(string feed, Exception exception);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Error,
        Message = "A configuration reload listener failed on revision {Revision} with {ExceptionType}; "
            + "the revision is applied, and later changes still are")]
    private partial void LogListenerFailed(long revision, string exceptionType);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning,
        Message = "Heartbeat to {Feed} failed {Failures} time(s) in a row; retrying at the next interval: {Error}")]
    private partial void LogHeartbeatFailed(string feed, int failures, string error);
}
