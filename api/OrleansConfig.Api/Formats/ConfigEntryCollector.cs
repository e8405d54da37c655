namespace OrleansConfig.Api.Formats;

/// <summary>The entries flattened from one file, in file order, each key at most once.</summary>
internal sealed class ConfigEntryCollector
{
    /// <summary>
    /// The maximum number of entries one file may produce. YAML aliases can repeat a subtree many
    /// times over, so a small file could otherwise expand to billions of keys.
    /// </summary>
    public const int MaxEntries = 100_000;

    private readonly IReadOnlySet<string> _valueKeys;
    private readonly List<ConfigEntry> _entries = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <param name="valueKeys">Normalized keys whose section is kept as one JSON value.</param>
    public ConfigEntryCollector(IReadOnlySet<string>? valueKeys = null)
    {
        _valueKeys = valueKeys ?? new HashSet<string>();
    }

    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary>Returns true when the section at <paramref name="key"/> is imported as one value.</summary>
    public bool IsValueKey(string key) =>
        _valueKeys.Count > 0 && _valueKeys.Contains(OrleansConfig.Configuration.ConfigKeyRules.Normalize(key));

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
