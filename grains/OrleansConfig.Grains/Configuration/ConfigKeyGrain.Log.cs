using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace OrleansConfig.Configuration;

public sealed partial class ConfigKeyGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Key {GrainKey} wrote version {Version} (deleted: {Deleted})")]
    private partial void LogVersionWritten(string grainKey, int version, bool deleted);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Key {GrainKey} lost a concurrent write to its storage row; re-reading it and deciding again")]
    private partial void LogWriteConflict(string grainKey, InconsistentStateException exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Key {GrainKey} stopped waiting for change set {ChangeSetId}, whose reservation expired")]
    private partial void LogReservationExpired(string grainKey, string changeSetId);
}
