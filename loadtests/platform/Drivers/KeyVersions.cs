using System.Collections.Concurrent;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>
/// What the writers know of each key: its last version (from the ETag of their own writes) and whether a
/// write to it is in flight. A key is written by one request at a time, so that <c>If-Match</c> never
/// fails on the run's own concurrent writes.
/// </summary>
public sealed class KeyVersions
{
    private readonly ConcurrentDictionary<string, int> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _busy = new(StringComparer.Ordinal);

    /// <summary>Claims the key for one write; returns false when another write holds it.</summary>
    public bool TryClaim(string key) => _busy.TryAdd(key, 0);

    public void Release(string key) => _busy.TryRemove(key, out _);

    public int? VersionOf(string key) => _versions.TryGetValue(key, out var version) ? version : null;

    /// <summary>Stores the version of a <c>"N"</c> ETag; other ETags are ignored.</summary>
    public void Update(string key, string? etag)
    {
        if (etag is { Length: > 2 } && int.TryParse(etag.AsSpan(1, etag.Length - 2), out var version))
        {
            _versions[key] = version;
        }
    }
}
