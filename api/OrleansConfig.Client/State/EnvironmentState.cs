using System.Text.Json;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.State;

/// <summary>
/// The applied keys of one environment and their revision. Keys are compared ignoring case, as .NET
/// configuration reads them. Not thread-safe: the synchronizer alone changes it.
/// </summary>
internal sealed class EnvironmentState(KeyFilter filter)
{
    private readonly Dictionary<string, ConfigSnapshotEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Revision of the applied keys, or -1 when nothing is applied.</summary>
    public long Revision { get; private set; } = -1;

    public IReadOnlyCollection<ConfigSnapshotEntry> Entries => _entries.Values;

    /// <summary>Replaces every key with those of <paramref name="snapshot"/> that the filter includes.</summary>
    public void Replace(ConfigSnapshot snapshot)
    {
        _entries.Clear();
        foreach (var entry in snapshot.Entries.Where(entry => filter.Includes(entry.Key)))
        {
            _entries[entry.Key] = entry;
        }

        Revision = snapshot.Revision;
    }

    /// <summary>
    /// Applies one change and moves to its revision; returns false when the change leaves the keys as
    /// they were (another kind, or a key outside the filter).
    /// </summary>
    public bool Apply(FeedChange change)
    {
        Revision = change.Revision;
        if (change.Kind != FeedChange.ConfigKind || !filter.Includes(change.Key))
        {
            return false;
        }

        if (change.Deleted || change.ValueJson is null)
        {
            return _entries.Remove(change.Key);
        }

        _entries[change.Key] = new ConfigSnapshotEntry(change.Key, change.ValueJson, change.Version);

        return true;
    }

    public ConfigSnapshot ToSnapshot() =>
        new(Revision, [.. _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal)]);

    /// <summary>
    /// Builds the configuration data. Shorter keys go first, so a key written on its own (<c>Db:Host</c>)
    /// wins over the same path inside another key's object value (<c>Db</c> holding <c>{"Host": …}</c>).
    /// Values that are not valid JSON are passed to <paramref name="onInvalidValue"/> and left out.
    /// </summary>
    public Dictionary<string, string?> BuildData(Action<string, JsonException> onInvalidValue)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var ordered = _entries.Values.OrderBy(e => e.Key.Length).ThenBy(e => e.Key, StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            try
            {
                ConfigJsonFlattener.Flatten(filter.ToConfigurationKey(entry.Key), entry.ValueJson, data);
            }
            catch (JsonException exception)
            {
                onInvalidValue(entry.Key, exception);
            }
        }

        return data;
    }
}
