using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Formats;

/// <summary>Flattens the top-level mapping of a YAML document into entries.</summary>
/// <param name="source">The YAML text, to keep a double-quoted scalar's escapes as written.</param>
/// <param name="valueKeys">Normalized keys whose mapping or sequence is one JSON value.</param>
internal sealed class YamlTreeFlattener(string source, IReadOnlySet<string> valueKeys)
{
    /// <summary>
    /// The maximum nesting depth. It also stops an alias that occurs inside the node its anchor
    /// names, which YamlDotNet loads as a cycle.
    /// </summary>
    public const int MaxDepth = 64;

    private readonly ConfigEntryCollector _collector = new(valueKeys);
    private readonly YamlMappingResolver _resolver = new();

    public IReadOnlyList<ConfigEntry> Flatten(YamlMappingNode root)
    {
        foreach (var (name, value) in _resolver.Resolve(root, depth: 0))
        {
            AddNode(value, name, depth: 1);
        }

        return _collector.Entries;
    }

    private void AddNode(YamlNode node, string key, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ConfigFileException(
                $"The value of key '{key}' is nested more than {MaxDepth} levels deep, or an alias "
                + "occurs inside the node its anchor names.");
        }

        if (node is YamlMappingNode or YamlSequenceNode && _collector.IsValueKey(key))
        {
            _collector.Add(key, new YamlJsonConverter(source, _resolver).ToJson(node, key, depth));
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                AddMapping(mapping, key, depth);
                break;
            case YamlSequenceNode sequence:
                AddSequence(sequence, key, depth);
                break;
            case YamlScalarNode scalar:
                _collector.Add(key, YamlScalarConverter.ToJson(scalar, source, key));
                break;
            default:
                throw new ConfigFileException(
                    $"The value of key '{key}' is an alias that could not be resolved.");
        }
    }

    private void AddMapping(YamlMappingNode mapping, string key, int depth)
    {
        RejectTag(mapping, key, "tag:yaml.org,2002:map");
        var pairs = _resolver.Resolve(mapping, depth);
        if (pairs.Count == 0)
        {
            _collector.Add(key, "{}");
            return;
        }

        foreach (var (name, value) in pairs)
        {
            AddNode(value, ConfigEntryCollector.Join(key, name), depth + 1);
        }
    }

    private void AddSequence(YamlSequenceNode sequence, string key, int depth)
    {
        RejectTag(sequence, key, "tag:yaml.org,2002:seq");
        if (sequence.Children.Count == 0)
        {
            _collector.Add(key, "[]");
            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemKey = ConfigEntryCollector.Join(key, i.ToString(CultureInfo.InvariantCulture));
            AddNode(sequence.Children[i], itemKey, depth + 1);
        }
    }

    // A tag such as !!set or !!omap gives a collection a meaning that flat entries cannot keep.
    private static void RejectTag(YamlNode node, string key, string allowedTag)
    {
        if (!node.Tag.IsEmpty && node.Tag.Value != allowedTag)
        {
            throw new ConfigFileException(
                $"The value of key '{key}' has the tag {node.Tag.Value}, which is not supported; "
                + "remove the tag.");
        }
    }
}
