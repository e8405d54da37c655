using Microsoft.Extensions.Logging;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

/// <summary>
/// The local keyring of a silo: fixed when it came from the environment, re-read when it came from a
/// file whose modification time changed, so that a key added to the file is usable without a restart.
/// </summary>
internal sealed partial class LocalKeyringSource(LocalKeyring keyring, string? path, ILogger logger)
{
    private readonly Lock _reloading = new();
    private LocalKeyring _keyring = keyring;
    private DateTime _loadedWriteTime = path is null ? default : File.GetLastWriteTimeUtc(path);

    public LocalKeyring Keyring => Volatile.Read(ref _keyring);

    public string? Path => path;

    /// <summary>
    /// Re-reads the file when it changed since the last read; returns true when the keys changed. A file
    /// that does not parse leaves the keys as they were.
    /// </summary>
    /// <remarks>
    /// NOTE: a replaced keyring is left to the garbage collector instead of being zeroed, because a wrap or
    /// unwrap may still be using it. Its key bytes stay in memory until collected.
    /// </remarks>
    public bool Reload()
    {
        if (path is null)
        {
            return false;
        }

        lock (_reloading)
        {
            try
            {
                var writeTime = File.GetLastWriteTimeUtc(path);
                if (writeTime == _loadedWriteTime)
                {
                    return false;
                }

                var loaded = LocalKeyringLoader.FromJsonFile(path);
                Volatile.Write(ref _keyring, loaded);
                _loadedWriteTime = writeTime;
                LogReloaded(path, string.Join(", ", loaded.KeyIds), loaded.ActiveKeyId);

                return true;
            }
            catch (Exception exception) when (exception is IOException or FormatException or ArgumentException
                or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                LogReloadFailed(path, exception.Message);

                return false;
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information,
        Message = "Reloaded the keyring file {Path}: keys {KeyIds}, active key {ActiveKeyId}")]
    private partial void LogReloaded(string path, string keyIds, string activeKeyId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error,
        Message = "The keyring file {Path} could not be reloaded, so the keys loaded before stay in use: {Problem}")]
    private partial void LogReloadFailed(string path, string problem);
}
