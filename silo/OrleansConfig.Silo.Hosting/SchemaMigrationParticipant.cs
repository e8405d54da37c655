using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansConfig.Hosting;

/// <summary>
/// Runs the schema migration early in the silo's start, before grain storage reads its queries.
/// </summary>
internal sealed partial class SchemaMigrationParticipant(
    SchemaMigrator migrator, ILogger<SchemaMigrationParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.RuntimeInitialize, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        LogMigrating();
        await migrator.MigrateAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Checking the database schema")]
    private partial void LogMigrating();
}
