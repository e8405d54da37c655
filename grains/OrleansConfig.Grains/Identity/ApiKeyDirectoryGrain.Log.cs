using Microsoft.Extensions.Logging;

namespace OrleansConfig.Identity;

public sealed partial class ApiKeyDirectoryGrain
{
    [LoggerMessage(EventId = 1221, Level = LogLevel.Information,
        Message = "Bootstrap created the first admin key {KeyId}")]
    private partial void LogBootstrapped(string keyId);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Information,
        Message = "Bootstrap of key {KeyId} skipped because keys exist ({KeyCount} listed) or the id is taken")]
    private partial void LogBootstrapSkipped(string keyId, int keyCount);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Warning,
        Message = "API key {KeyId} existed but was missing from the key directory; listed it now")]
    private partial void LogAdopted(string keyId);
}
