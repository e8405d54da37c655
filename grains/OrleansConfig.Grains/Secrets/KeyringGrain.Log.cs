using Microsoft.Extensions.Logging;

namespace OrleansConfig.Secrets;

public sealed partial class KeyringGrain
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information,
        Message = "Key-encryption key rotation {JobId} to {KeyId} started by {Author}")]
    private partial void LogStarted(string jobId, string keyId, string author);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information,
        Message = "Key-encryption key rotation {JobId}: {KeyId} (version {KeyVersion}) is active; re-wrapping "
            + "{Secrets} secrets in {Environments} environments")]
    private partial void LogActivated(string jobId, string keyId, int? keyVersion, int environments, int secrets);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information,
        Message = "Key-encryption key rotation {JobId}: pass {Pass} visited {Secrets} secrets, re-wrapped {Rewrapped} "
            + "data keys, {Failures} failures")]
    private partial void LogPassEnded(string jobId, int pass, int secrets, int rewrapped, int failures);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information,
        Message = "Key-encryption key rotation {JobId} completed; retired keys: {KeyIds}")]
    private partial void LogRetired(string jobId, string keyIds);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Error,
        Message = "Key-encryption key rotation {JobId} failed: {Problem}")]
    private partial void LogFailed(string jobId, string problem);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning,
        Message = "Key-encryption key rotation {JobId} could not complete a step while {Phase} ({Failures} failures "
            + "in a row, one in 100 logged); retrying")]
    private partial void LogStepFailed(string jobId, string phase, int failures, Exception exception);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Warning,
        Message = "The reminder that resumes key-encryption key rotations after a restart could not be registered; "
            + "retrying at the next step")]
    private partial void LogReminderFailed(Exception exception);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Warning,
        Message = "Re-wrapping secret {Name} of {Environment} failed; the next pass retries it")]
    private partial void LogRewrapCallFailed(string environment, string name, Exception exception);
}
