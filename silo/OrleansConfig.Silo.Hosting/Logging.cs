using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace OrleansConfig.Hosting;

/// <summary>
/// Serilog setup shared by the silo and the api: text to the console by default, compact JSON when
/// <c>ORLEANSCONFIG_LOG_FORMAT=json</c>, levels overridable through the <c>Serilog</c> configuration section.
/// </summary>
public static class Logging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logger);

        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans.Runtime.Silo", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();

        var json = string.Equals(Environment.GetEnvironmentVariable("ORLEANSCONFIG_LOG_FORMAT"), "json",
            StringComparison.OrdinalIgnoreCase);

        return json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: TextTemplate);
    }
}
