using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Formats;

/// <summary>
/// Lists the pairs of YAML mappings with merge keys (<c>&lt;&lt;: *anchor</c>) resolved the way the
/// YAML 1.1 merge type defines them: a key written in the mapping wins over a merged one, and an
/// earlier mapping in a merge list wins over a later one.
/// </summary>
/// <remarks>
/// YamlDotNet's MergingParser is not used because it pastes the merged pairs beside the written
/// ones without overriding, so a written key that the merged mapping also has fails as a duplicate.
/// This class resolves merges on the loaded representation model instead.
/// </remarks>
internal sealed class YamlMappingResolver
{
    private const string MergeTag = "tag:yaml.org,2002:merge";

    // Each mapping is resolved once, because a chain of merges that name the same anchor twice
    // would otherwise resolve it an exponential number of times.
    private readonly Dictionary<YamlMappingNode, List<(string Name, YamlNode Value)>> _resolved =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Returns the pairs of <paramref name="mapping"/> in order, with the merged pairs in place of
    /// the merge key.
    /// </summary>
    /// <param name="depth">The nesting depth, which stops a mapping that merges itself.</param>
    public IReadOnlyList<(string Name, YamlNode Value)> Resolve(YamlMappingNode mapping, int depth)
    {
        if (_resolved.TryGetValue(mapping, out var resolved))
        {
            return resolved;
        }

        if (depth > YamlTreeFlattener.MaxDepth)
        {
            throw new ConfigFileException(
                $"The mapping at line {mapping.Start.Line} nests more than "
                + $"{YamlTreeFlattener.MaxDepth} merges, or it merges itself.");
        }

        var pairs = new List<(string Name, YamlNode Value)>();
        var mergeSources = new List<YamlMappingNode>();
        var mergeIndex = 0;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode as YamlScalarNode ?? throw new ConfigFileException(
                $"The mapping key at line {keyNode.Start.Line}, column {keyNode.Start.Column} is a "
                + $"{YamlConfigReader.Describe(keyNode)}; configuration keys must be scalars.");
            if (IsMergeKey(key))
            {
                mergeIndex = pairs.Count;
                mergeSources.AddRange(GetMergeSources(key, value));
            }
            else
            {
                pairs.Add((key.Value ?? "", value));
            }
        }

        pairs.InsertRange(mergeIndex, MergePairs(pairs, mergeSources, depth));
        _resolved.Add(mapping, pairs);

        return pairs;
    }

    private List<(string Name, YamlNode Value)> MergePairs(
        List<(string Name, YamlNode Value)> writtenPairs, List<YamlMappingNode> sources, int depth)
    {
        var names = writtenPairs.Select(pair => pair.Name).ToHashSet(StringComparer.Ordinal);
        var merged = new List<(string Name, YamlNode Value)>();
        foreach (var source in sources)
        {
            foreach (var pair in Resolve(source, depth + 1))
            {
                if (names.Add(pair.Name))
                {
                    merged.Add(pair);
                }
            }
        }

        return merged;
    }

    // Only a plain << is a merge key; a quoted "<<" is an ordinary key.
    private static bool IsMergeKey(YamlScalarNode key) =>
        key.Style == ScalarStyle.Plain
        && key.Value == "<<"
        && (key.Tag.IsEmpty || key.Tag.Value == MergeTag);

    private static IEnumerable<YamlMappingNode> GetMergeSources(YamlScalarNode key, YamlNode value)
    {
        var sources = value is YamlSequenceNode sequence ? sequence.Children : [value];
        foreach (var source in sources)
        {
            if (source is not YamlMappingNode mapping)
            {
                var kind = YamlConfigReader.Describe(source);
                throw new ConfigFileException(
                    $"The merge key '<<' at line {key.Start.Line} must be followed by a mapping, "
                    + $"an alias of a mapping or a list of them, but it merges a {kind}.");
            }

            yield return mapping;
        }
    }
}
