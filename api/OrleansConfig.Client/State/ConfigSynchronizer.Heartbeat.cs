using System.Reflection;
using OrleansConfig.Client.Feed;
using OrleansConfig.Instances;

namespace OrleansConfig.Client.State;

internal sealed partial class ConfigSynchronizer
{
    private readonly string _instanceId;
    private readonly DateTimeOffset _startedAt;
    private Task _heartbeats = Task.CompletedTask;
    private int _heartbeatFailures;
    private (long Revision, string Hash)? _hash;

    /// <summary>The name this instance reports in its heartbeats.</summary>
    public string InstanceId => _instanceId;

    private static string NewInstanceId()
    {
        var machine = new string(System.Environment.MachineName
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').Take(64).ToArray());

        return $"{machine}-{System.Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    private void StartHeartbeats()
    {
        if (_options.HeartbeatInterval > TimeSpan.Zero)
        {
            _heartbeats = Task.Run(() => SendHeartbeatsAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Reports the applied revision and configuration hash every heartbeat interval, once something is applied.
    /// A failed report is logged and tried again at the next interval; it never disturbs the configuration.
    /// </summary>
    private async Task SendHeartbeatsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (CurrentHeartbeat() is { } heartbeat)
            {
                try
                {
                    await _feed.SendHeartbeatAsync(heartbeat, cancellationToken);
                    _heartbeatFailures = 0;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (FeedException exception)
                {
                    if (++_heartbeatFailures == 1 || _heartbeatFailures % 10 == 0)
                    {
                        LogHeartbeatFailed(_feed.Description, _heartbeatFailures, exception.Message);
                    }
                }
            }

            try
            {
                await Task.Delay(_options.HeartbeatInterval, _options.TimeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Returns the heartbeat of the applied state, or null while nothing is applied.</summary>
    private ClientHeartbeat? CurrentHeartbeat()
    {
        lock (_gate)
        {
            if (_state.Revision < 0)
            {
                return null;
            }

            if (_hash is not { } known || known.Revision != _state.Revision)
            {
                var entries = _state.Entries.Select(e => KeyValuePair.Create(e.Key, e.ValueJson));
                _hash = (_state.Revision, ConfigurationHash.Compute(entries));
            }

            var status = Status;

            return new ClientHeartbeat(_instanceId, _state.Revision, _hash.Value.Hash, _options.Prefix,
                _options.ApplicationName ?? Assembly.GetEntryAssembly()?.GetName().Name,
                System.Environment.MachineName, _options.Transport.ToString().ToLowerInvariant(),
                status.Source.ToString().ToLowerInvariant(), _startedAt);
        }
    }
}
