using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansConfig.Secrets;

/// <summary>
/// Reports to the keyring grain which key-encryption keys this silo has, once the silo is active and then
/// every <see cref="SecretOptions.KeyringReportInterval"/>, re-reading the keyring file first. A rotation
/// makes a key active only after every active silo has reported it.
/// </summary>
public sealed partial class KeyringReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SecretKeyring keyring,
    TimeProvider time,
    IOptions<SecretOptions> options,
    ILogger<KeyringReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();
    private Task _reporting = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        lifecycle.Subscribe(nameof(KeyringReporter), ServiceLifecycleStage.Active, Start, Stop);
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _reporting = Task.Run(Report, CancellationToken.None);
        if (keyring.KeyIds.Count == 0)
        {
            LogNoKeys();
        }
        else if (keyring.IsEphemeral)
        {
            LogEphemeral();
        }

        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _reporting.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task Report()
    {
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                keyring.Reload();
                var keys = new SiloKeys(silo.SiloAddress.ToString(), keyring.KeyIds, keyring.ConfiguredActiveKeyId,
                    time.GetUtcNow());
                await grains.GetGrain<IKeyringGrain>(0).ReportSiloKeys(keys);
                failures = 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures++;
                if (failures == 1 || failures % 10 == 0)
                {
                    LogReportFailed(failures, exception);
                }
            }

            try
            {
                var wait = failures > 0 ? TimeSpan.FromSeconds(1) : options.Value.KeyringReportInterval;
                await Task.Delay(wait, time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning,
        Message = "Reporting this silo's key-encryption keys to the keyring failed {Failures} times in a row; "
            + "retrying")]
    private partial void LogReportFailed(int failures, Exception exception);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning,
        Message = "No key-encryption key is configured, so secrets cannot be written or read on this silo. Set "
            + "ORLEANSCONFIG_SECRETS_KEYRING, ORLEANSCONFIG_SECRETS_KEYRING_FILE or the ORLEANSCONFIG_SECRETS_VAULT_* "
            + "variables")]
    private partial void LogNoKeys();

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning,
        Message = "Secrets are encrypted with a key-encryption key generated for this process; they cannot be read "
            + "after it stops (development mode)")]
    private partial void LogEphemeral();
}
