using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace OrleansConfig.Secrets;

/// <summary>Log messages of the secret grain: ids, versions and key ids, never a value.</summary>
public sealed partial class SecretGrain
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug,
        Message = "Secret {GrainKey} wrote version {Version} (deleted: {Deleted}, action: {Action})")]
    private partial void LogVersionWritten(string grainKey, int version, bool deleted, string action);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Secret {GrainKey} lost a concurrent write to its storage row; re-reading it and deciding again")]
    private partial void LogWriteConflict(string grainKey, InconsistentStateException exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "Secret {GrainKey} version {Version} was revealed to {Actor}")]
    private partial void LogRevealed(string grainKey, int version, string actor);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error,
        Message = "Secret {GrainKey} version {Version} failed its integrity check ({Reason}; {ExceptionType}); "
            + "it is not returned")]
    private partial void LogIntegrityFailure(string grainKey, int version, string reason, string exceptionType);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error,
        Message = "Secret {GrainKey} version {Version} cannot be decrypted because key-encryption key {KeyId} is "
            + "unavailable: {Problem}")]
    private partial void LogKeyUnavailable(string grainKey, int version, string keyId, string problem);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning,
        Message = "Secret {GrainKey} could not append the audit record {Action}; it is retried later")]
    private partial void LogAuditFailed(string grainKey, string action, Exception exception);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Error,
        Message = "Secret {GrainKey} could not encrypt version {Version}: {Problem}")]
    private partial void LogEncryptFailed(string grainKey, int version, string problem);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information,
        Message = "Secret {GrainKey} rotated to version {Version} ({Trigger})")]
    private partial void LogRotated(string grainKey, int version, string trigger);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning,
        Message = "Secret {GrainKey} failed to rotate ({Trigger}, attempt {Attempt}): {Problem}; retrying after "
            + "{NextAttemptAt:O}")]
    private partial void LogRotationFailed(string grainKey, string trigger, int attempt, string problem,
        DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Error,
        Message = "Secret {GrainKey} could not store the failed rotation attempt; the next reminder tries again")]
    private partial void LogRotationStateNotStored(string grainKey, Exception exception);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information,
        Message = "Secret {GrainKey} re-wrapped {Count} data keys with key-encryption key {KeyId}")]
    private partial void LogRewrapped(string grainKey, int count, string keyId);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning,
        Message = "Secret {GrainKey} could not re-wrap the data key of version {Version} ({ExceptionType}): {Problem}")]
    private partial void LogRewrapFailed(string grainKey, int version, string exceptionType, string problem);
}
