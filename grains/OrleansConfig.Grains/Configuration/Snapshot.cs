namespace OrleansConfig.Configuration;

/// <summary>
/// The in-memory view of an environment: the current entry of every live key and the latest version
/// of every key ever written.
/// </summary>
internal sealed class Snapshot
{
    private readonly Dictionary<string, SnapshotEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);
    private SnapshotEntry[]? _sorted;
    private byte[]? _json;

    public int Count => _entries.Count;

    /// <summary>Applies a change unless a newer or equal version of the key is already known.</summary>
    public bool Apply(ConfigChange change)
    {
        var normalized = ConfigKeyRules.Normalize(change.Key);
        var known = _versions.GetValueOrDefault(normalized);
        var version = change.Version;
        if (version.Version <= known)
        {
            return false;
        }

        _versions[normalized] = version.Version;
        if (version.Value is null)
        {
            _entries.Remove(normalized);
        }
        else
        {
            _entries[normalized] = new SnapshotEntry(change.Key, version.Value, version.Version, version.UpdatedAt,
                version.Author);
        }

        _sorted = null;
        _json = null;

        return true;
    }

    /// <summary>Returns the live entries sorted by normalized key, optionally only those under a prefix.</summary>
    public IReadOnlyList<SnapshotEntry> Entries(string? prefix)
    {
        _sorted ??= _entries.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value).ToArray();
        if (string.IsNullOrEmpty(prefix))
        {
            return _sorted;
        }

        return _sorted.Where(entry => entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>
    /// Returns <see cref="Entries"/> as a JSON array. The whole environment's array is cached until
    /// the next change.
    /// </summary>
    public byte[] Json(string? prefix)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            return SnapshotJson.Write(Entries(prefix));
        }

        return _json ??= SnapshotJson.Write(Entries(null));
    }
}
