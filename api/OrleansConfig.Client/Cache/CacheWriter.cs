using Microsoft.Extensions.Logging;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.Cache;

/// <summary>
/// Writes snapshots to the cache file in the background, one write at a time. A snapshot offered
/// while a write runs replaces any other waiting one, so a burst of changes costs at most two writes.
/// Failures are logged and never reach the caller.
/// </summary>
internal sealed partial class CacheWriter(SnapshotCacheFile file, ILogger logger)
{
    private readonly Lock _gate = new();
    private ConfigSnapshot? _pending;
    private bool _writing;
    private Task _running = Task.CompletedTask;

    public SnapshotCacheFile File { get; } = file;

    public void Offer(ConfigSnapshot snapshot)
    {
        lock (_gate)
        {
            _pending = snapshot;
            if (!_writing)
            {
                _writing = true;
                _running = Task.Run(WriteLoopAsync);
            }
        }
    }

    /// <summary>Waits until the waiting and running writes are done.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _running;
        }
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            ConfigSnapshot snapshot;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _writing = false;

                    return;
                }

                snapshot = _pending;
                _pending = null;
            }

            try
            {
                await File.WriteAsync(snapshot, CancellationToken.None);
                LogWritten(File.Path, snapshot.Revision);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(File.Path, snapshot.Revision, exception);
            }
        }
    }

    [LoggerMessage(EventId = 4021, Level = LogLevel.Debug,
        Message = "Wrote the cache file {Path} at revision {Revision}")]
    private partial void LogWritten(string path, long revision);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning,
        Message = "Could not write the cache file {Path} at revision {Revision}; the next change tries again")]
    private partial void LogWriteFailed(string path, long revision, Exception exception);
}
