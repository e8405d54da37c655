using System.Globalization;

namespace OrleansConfig.Api.Formats;

/// <summary>
/// A node of the nesting rebuilt from flat keys: a leaf that contains an entry, or a section whose
/// children are named by the next key section.
/// </summary>
internal sealed class ConfigTree
{
    private readonly List<KeyValuePair<string, ConfigTree>> _children = [];
    private readonly Dictionary<string, ConfigTree> _childrenByName = new(StringComparer.Ordinal);

    private ConfigTree(ConfigEntry? entry)
    {
        Entry = entry;
    }

    /// <summary>The entry of a leaf, or null for a section.</summary>
    public ConfigEntry? Entry { get; }

    /// <summary>Whether the children are named 0 to n-1, so the section is an array.</summary>
    public bool IsArray =>
        _children.Count > 0
        && _children.All(child => IndexOf(child.Key) is { } index && index < _children.Count);

    /// <summary>The children in entry order, or in index order for an array.</summary>
    public IEnumerable<KeyValuePair<string, ConfigTree>> Children =>
        IsArray ? _children.OrderBy(child => IndexOf(child.Key)) : _children;

    /// <summary>Builds the tree of <paramref name="entries"/>, keeping their order.</summary>
    public static ConfigTree Build(IReadOnlyList<ConfigEntry> entries)
    {
        var root = new ConfigTree(entry: null);
        foreach (var entry in entries)
        {
            root.Add(entry);
        }

        return root;
    }

    private void Add(ConfigEntry entry)
    {
        var sections = entry.Key.Split(':');
        var node = this;
        foreach (var section in sections[..^1])
        {
            if (!node._childrenByName.TryGetValue(section, out var child))
            {
                child = node.AddChild(section, entry: null);
            }
            else if (child.Entry is not null)
            {
                var message = ConfigKeyChecks.LeafAndParentMessage(child.Entry.Key, entry.Key);
                throw new ConfigFileException(message);
            }

            node = child;
        }

        if (node._childrenByName.TryGetValue(sections[^1], out var existing))
        {
            throw new ConfigFileException(existing.Entry is null
                ? ConfigKeyChecks.LeafAndParentMessage(entry.Key, existing.FirstLeafKey())
                : $"The key '{entry.Key}' occurs twice in the entries; each key may occur once.");
        }

        node.AddChild(sections[^1], entry);
    }

    private ConfigTree AddChild(string name, ConfigEntry? entry)
    {
        var child = new ConfigTree(entry);
        _children.Add(new KeyValuePair<string, ConfigTree>(name, child));
        _childrenByName.Add(name, child);

        return child;
    }

    private string FirstLeafKey() => Entry?.Key ?? _children[0].Value.FirstLeafKey();

    // Only the canonical spelling is an index, so "00" or "+1" keep the section an object.
    private static int? IndexOf(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index.ToString(CultureInfo.InvariantCulture) == name
            ? index
            : null;
}
