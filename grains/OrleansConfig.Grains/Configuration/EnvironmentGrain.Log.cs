using Microsoft.Extensions.Logging;

namespace OrleansConfig.Configuration;

public sealed partial class EnvironmentGrain
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Environment {Namespace}/{Environment} created")]
    private partial void LogCreated(string @namespace, string environment);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Environment {Namespace}/{Environment} loaded {KeyCount} keys at revision {Revision}")]
    private partial void LogLoaded(string @namespace, string environment, int keyCount, long revision);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} found unreported changes in storage: revision {Before} -> {After}")]
    private partial void LogReconciled(string @namespace, string environment, long before, long after);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} could not read storage to reconcile; retrying at the next interval")]
    private partial void LogReconcileFailed(string @namespace, string environment, Exception exception);
}
