using Microsoft.Extensions.Options;

namespace OrleansConfig.Client.Sample;

/// <summary>Logs the <c>Features</c> section at start and every time OrleansConfig changes it.</summary>
public sealed partial class FeatureChangePrinter(
    IOptionsMonitor<FeatureSettings> features, IConfiguration configuration, ILogger<FeatureChangePrinter> logger)
    : IHostedService
{
    private IDisposable? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Print("Starting with", features.CurrentValue);
        _listener = features.OnChange(settings => Print("Changed to", settings));

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();

        return Task.CompletedTask;
    }

    private void Print(string occasion, FeatureSettings settings)
    {
        var status = configuration.GetOrleansConfigStatus();
        var source = status?.Source.ToString() ?? "none";
        LogFeatures(occasion, settings.MaxItems, settings.Checkout, status?.Revision ?? -1, source);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "{Occasion} Features:MaxItems={MaxItems} Features:Checkout={Checkout} (revision {Revision}, from {Source})")]
    private partial void LogFeatures(string occasion, long maxItems, bool checkout, long revision, string source);
}
