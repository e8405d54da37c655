using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Formats;

/// <summary>Loads a YAML file, selects one document and flattens it into entries.</summary>
internal static class YamlConfigReader
{
    /// <summary>Reads YAML text with any byte-order mark already removed.</summary>
    /// <param name="documentNumber">The 1-based document, or null for a single document.</param>
    /// <param name="valueKeys">Normalized keys whose mapping or sequence is one JSON value.</param>
    public static IReadOnlyList<ConfigEntry> Read(
        string text, int? documentNumber, IReadOnlySet<string> valueKeys)
    {
        var stream = Load(text);
        var document = SelectDocument(stream.Documents, documentNumber);
        if (document.RootNode is not YamlMappingNode root)
        {
            var problem = IsEmpty(document.RootNode)
                ? "is empty"
                : $"is a {Describe(document.RootNode)}";
            throw new ConfigFileException(
                $"YAML document {documentNumber ?? 1} {problem}; its top level must be a "
                + "mapping of keys to values.");
        }

        return new YamlTreeFlattener(text, valueKeys).Flatten(root);
    }

    /// <summary>Returns what kind of node <paramref name="node"/> is, for error messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "sequence",
        YamlMappingNode => "mapping",
        _ => "scalar",
    };

    private static YamlStream Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            var position = $"line {exception.Start.Line}, column {exception.Start.Column}";
            throw new ConfigFileException(
                $"The file is not valid YAML at {position}: {exception.Message}");
        }
        catch (Exception exception)
            when (exception is InvalidOperationException or ArgumentException)
        {
            // NOTE: YamlDotNet 18.1.0 throws these instead of a YamlException for some malformed
            // input, such as ": [--\n~", and then reports no position.
            throw new ConfigFileException($"The file is not valid YAML: {exception.Message}");
        }

        return stream;
    }

    private static YamlDocument SelectDocument(IList<YamlDocument> documents, int? documentNumber)
    {
        var count = documents.Count;
        if (count == 0)
        {
            throw new ConfigFileException(
                "The file contains no YAML document; its top level must be a mapping of keys to "
                + "values.");
        }

        if (documentNumber is null && count > 1)
        {
            throw new ConfigFileException(
                $"The file contains {count} YAML documents; choose one by adding ?document=N "
                + $"with N from 1 to {count}.");
        }

        var number = documentNumber ?? 1;
        if (number < 1 || number > count)
        {
            var contains = count == 1 ? "1 YAML document" : $"{count} YAML documents";
            throw new ConfigFileException(
                $"Document {number} does not exist; the file contains {contains}, so ?document=N "
                + $"takes N from 1 to {count}.");
        }

        return documents[number - 1];
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" } scalar
        && scalar.Tag.IsEmpty;
}
