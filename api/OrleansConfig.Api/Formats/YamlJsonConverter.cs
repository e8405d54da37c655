using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Formats;

/// <summary>
/// Writes a YAML mapping or sequence as one compact JSON value, with the same scalar rules and
/// merge keys as flattening, for keys whose stored value is an object or an array.
/// </summary>
internal sealed class YamlJsonConverter(string source, YamlMappingResolver resolver)
{
    public string ToJson(YamlNode node, string key, int depth)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, key, depth);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void Write(Utf8JsonWriter writer, YamlNode node, string key, int depth)
    {
        if (depth > YamlTreeFlattener.MaxDepth)
        {
            throw new ConfigFileException(
                $"The value of key '{key}' is nested more than {YamlTreeFlattener.MaxDepth} levels deep, or "
                + "an alias occurs inside the node its anchor names.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (name, value) in resolver.Resolve(mapping, depth))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, ConfigEntryCollector.Join(key, name), depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, key, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                writer.WriteRawValue(YamlScalarConverter.ToJson(scalar, source, key), skipInputValidation: true);
                break;
            default:
                throw new ConfigFileException($"The value of key '{key}' is an alias that could not be resolved.");
        }
    }
}
