using Microsoft.Extensions.Logging;

namespace OrleansConfig.Schemas;

public sealed partial class NamespaceSchemaGrain
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information,
        Message = "Schema of {Namespace}/{Key} for {Environment} saved as version {Version} "
            + "(forced: {Forced}, invalid values: {InvalidValues})")]
    private partial void LogSchemaSaved(
        string @namespace, string key, string environment, int version, bool forced, int invalidValues);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information,
        Message = "Schema of {Namespace}/{Key} for {Environment} deleted at version {Version}")]
    private partial void LogSchemaDeleted(string @namespace, string key, string environment, int version);
}
