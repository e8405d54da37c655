using Microsoft.Extensions.Logging;

namespace OrleansConfig.Drift;

public sealed partial class EnvironmentDriftGrain
{
    [LoggerMessage(EventId = 1821, Level = LogLevel.Information,
        Message = "Environment {Environment} registered a desired state by {Author}")]
    private partial void LogRegistered(string environment, string author);

    [LoggerMessage(EventId = 1822, Level = LogLevel.Information,
        Message = "Environment {Environment} drift {Action}: {Drifted} item(s), event at revision {Revision}")]
    private partial void LogDriftReported(string environment, string action, int drifted, long revision);

    [LoggerMessage(EventId = 1823, Level = LogLevel.Warning,
        Message = "Environment {Environment} could not run its scheduled drift check; it runs at the next poll")]
    private partial void LogCheckFailed(string environment, Exception exception);
}
