using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansConfig.Audit;

namespace OrleansConfig.Hosting;

/// <summary>Warns at start when the audit key was generated for this process instead of configured.</summary>
public sealed partial class AuditKeyWarning(AuditSigner signer, ILogger<AuditKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (signer.IsEphemeral)
        {
            LogEphemeralKey(AuditSigner.Variable);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning,
        Message = "{Variable} is not set: the audit log is linked and signed with a key generated for this process, "
            + "so records written now fail verification after a restart. Set it to 32 random bytes in hex, for "
            + "example from: openssl rand -hex 32")]
    private partial void LogEphemeralKey(string variable);
}
