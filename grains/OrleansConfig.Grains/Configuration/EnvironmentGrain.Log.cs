using Microsoft.Extensions.Logging;
using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

public sealed partial class EnvironmentGrain
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Environment {Namespace}/{Environment} created")]
    private partial void LogCreated(string @namespace, string environment);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Environment {Namespace}/{Environment} loaded {KeyCount} keys at revision {Revision}")]
    private partial void LogLoaded(string @namespace, string environment, int keyCount, long revision);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} sequenced changes found in storage unreported: revision {Before} -> {After}")]
    private partial void LogReconciled(string @namespace, string environment, long before, long after);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} could not read storage to reconcile; retrying at the next interval")]
    private partial void LogReconcileFailed(string @namespace, string environment, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Environment {Namespace}/{Environment} started its change log at revision {Revision}")]
    private partial void LogLogStarted(string @namespace, string environment, long revision);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} found its change log moved by another activation; deactivating")]
    private partial void LogLogConflict(string @namespace, string environment, ChangeLogConflictException exception);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} could not publish from revision {Revision}; subscribers read it from the log")]
    private partial void LogPublishFailed(string @namespace, string environment, long revision, Exception exception);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} could not write the audit records of {Backlog} changes; retrying")]
    private partial void LogAuditBacklog(string @namespace, string environment, long backlog, Exception exception);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Information,
        Message = "Environment {Namespace}/{Environment} committed change set {ChangeSetId} of {EntryCount} entries")]
    private partial void LogChangeSetCommitted(
        string @namespace, string environment, string changeSetId, int entryCount);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Information,
        Message = "Environment {Namespace}/{Environment} applied change set {ChangeSetId} up to revision {Revision}")]
    private partial void LogChangeSetApplied(string @namespace, string environment, string changeSetId, long revision);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} resumes change set {ChangeSetId}, "
            + "committed by an earlier attempt")]
    private partial void LogChangeSetResumed(string @namespace, string environment, string changeSetId);

    [LoggerMessage(EventId = 1814, Level = LogLevel.Warning,
        Message = "Environment {Namespace}/{Environment} could not write flag {FlagKey} "
            + "of change set {ChangeSetId}: {Problem}")]
    private partial void LogFlagSuperseded(
        string @namespace, string environment, string changeSetId, string flagKey, string problem);
}
