namespace OrleansConfig.Api.Formats;

/// <summary>The entries flattened from one file, in file order, each key at most once.</summary>
internal sealed class ConfigEntryCollector
{
    /// <summary>
    /// The maximum number of entries one file may produce. YAML aliases can repeat a subtree many
    /// times over, so a small file could otherwise expand to billions of keys.
    /// </summary>
    public const int MaxEntries = 100_000;

    private readonly List<ConfigEntry> _entries = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary>Joins a parent key and a section name with the <c>:</c> separator.</summary>
    public static string Join(string? parent, string name) =>
        parent is null ? name : $"{parent}:{name}";

    public void Add(string key, string value)
    {
        if (!_keys.Add(key))
        {
            throw new ConfigFileException(
                $"The key '{key}' is defined twice. A name that contains ':' and the same path "
                + "written as nested sections make the same key; keep only one of them.");
        }

        if (_entries.Count == MaxEntries)
        {
            throw new ConfigFileException(
                $"The file produces more than {MaxEntries} keys; split it into smaller files.");
        }

        _entries.Add(new ConfigEntry(key, value));
    }
}
