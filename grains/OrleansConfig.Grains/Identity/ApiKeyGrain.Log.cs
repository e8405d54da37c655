using Microsoft.Extensions.Logging;

namespace OrleansConfig.Identity;

public sealed partial class ApiKeyGrain
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "API key {KeyId} ({Kind}) named {Name} created by {CreatedBy} with grants: {Grants}")]
    private partial void LogCreated(string keyId, ApiKeyKind kind, string name, string createdBy, string grants);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "API key {KeyId} revoked by {RevokedBy}")]
    private partial void LogRevoked(string keyId, string revokedBy);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "API key {KeyId} given {Grant} by {GrantedBy}; its previous role on that scope: {PreviousRole}")]
    private partial void LogGrantSet(string keyId, string grant, string grantedBy, string previousRole);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information,
        Message = "API key {KeyId} lost the grant {Grant}, removed by {RemovedBy}")]
    private partial void LogGrantRemoved(string keyId, string grant, string removedBy);
}
