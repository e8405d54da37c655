using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace OrleansConfig.Items;

internal static partial class ItemGrainLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug,
        Message = "{Kind} {GrainKey} wrote version {Version} (deleted: {Deleted})")]
    public static partial void LogVersionWritten(this ILogger logger, string kind, string grainKey, int version,
        bool deleted);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "{Kind} {GrainKey} lost a concurrent write to its storage row; re-reading it and deciding again")]
    public static partial void LogWriteConflict(this ILogger logger, string kind, string grainKey,
        InconsistentStateException exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "{Kind} {GrainKey} stopped waiting for change set {ChangeSetId}, whose reservation expired")]
    public static partial void LogReservationExpired(this ILogger logger, string kind, string grainKey,
        string changeSetId);
}
