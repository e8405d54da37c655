using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Formats;

/// <summary>Converts YAML scalars to JSON text with the YAML 1.2 core schema.</summary>
internal static class YamlScalarConverter
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private enum ScalarKind
    {
        Null,
        Boolean,
        Integer,
        Float,
        String,
    }

    /// <summary>
    /// Returns the JSON text of <paramref name="scalar"/>. A plain scalar that reads as null, a
    /// boolean or a number becomes that JSON value; every other scalar becomes a JSON string.
    /// </summary>
    /// <param name="source">The YAML text, to keep a double-quoted scalar's escapes.</param>
    /// <param name="key">The key of the scalar, for error messages.</param>
    public static string ToJson(YamlScalarNode scalar, string source, string key)
    {
        var value = scalar.Value ?? "";
        if (!scalar.Tag.IsEmpty)
        {
            return ResolveTagged(scalar, value, key);
        }

        return scalar.Style switch
        {
            ScalarStyle.Plain => Resolve(value).Json,
            ScalarStyle.DoubleQuoted => KeepDoubleQuoted(scalar, source),
            _ => JsonText.EncodeString(value),
        };
    }

    // A standard tag must match what the text resolves to; "!" and !!str force a string.
    private static string ResolveTagged(YamlScalarNode scalar, string value, string key)
    {
        var tag = scalar.Tag.IsNonSpecific ? TagPrefix + "str" : scalar.Tag.Value;
        var expected = tag switch
        {
            TagPrefix + "str" => ScalarKind.String,
            TagPrefix + "null" => ScalarKind.Null,
            TagPrefix + "bool" => ScalarKind.Boolean,
            TagPrefix + "int" => ScalarKind.Integer,
            TagPrefix + "float" => ScalarKind.Float,
            _ => throw new ConfigFileException(
                $"The value of key '{key}' has the tag {tag}, which is not supported; remove "
                + "the tag."),
        };
        if (expected == ScalarKind.String)
        {
            return JsonText.EncodeString(value);
        }

        var (kind, json) = Resolve(value);
        if (kind != expected && !(expected == ScalarKind.Float && kind == ScalarKind.Integer))
        {
            throw new ConfigFileException(
                $"The value of key '{key}' has the tag {tag}, but its text is not a "
                + $"{Describe(expected)} that JSON can hold.");
        }

        return json;
    }

    private static (ScalarKind Kind, string Json) Resolve(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return (ScalarKind.Null, "null");
            case "true" or "True" or "TRUE":
                return (ScalarKind.Boolean, "true");
            case "false" or "False" or "FALSE":
                return (ScalarKind.Boolean, "false");
        }

        // YAML forms that JSON has no number for (0x1F, 0o17, +5, .5, .inf, .nan) stay strings.
        if (JsonText.IsNumber(value))
        {
            var isInteger = value.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

            return (isInteger ? ScalarKind.Integer : ScalarKind.Float, value);
        }

        return (ScalarKind.String, JsonText.EncodeString(value));
    }

    // A double-quoted scalar that is also a JSON string literal keeps its text, so "\u00e9" is
    // stored as written rather than as "é". That lets a YAML export re-import byte for byte.
    private static string KeepDoubleQuoted(YamlScalarNode scalar, string source)
    {
        var value = scalar.Value ?? "";
        var start = scalar.Start.Index;
        var end = scalar.End.Index;
        if (start >= 0 && end > start && end <= source.Length)
        {
            var literal = source.AsSpan((int)start, (int)(end - start));
            if (JsonText.IsStringLiteralOf(literal, value))
            {
                return literal.ToString();
            }
        }

        return JsonText.EncodeString(value);
    }

    private static string Describe(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => "boolean",
        ScalarKind.Integer => "integer",
        _ => "number",
    };
}
