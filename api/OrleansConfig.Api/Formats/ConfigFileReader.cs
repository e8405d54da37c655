using System.Text;
using System.Text.Unicode;

namespace OrleansConfig.Api.Formats;

/// <summary>Imports configuration files as flat entries whose values are raw JSON text.</summary>
public static class ConfigFileReader
{
    /// <summary>
    /// Reads <paramref name="content"/> in <paramref name="format"/> and flattens it into entries
    /// whose keys join sections with <c>:</c>. A malformed file, an invalid key or two keys that
    /// collide give an error result with no entries; only invalid arguments throw.
    /// </summary>
    public static ConfigFileReadResult Read(
        ReadOnlySpan<byte> content, ConfigFileFormat format, ConfigImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown file format.");
        }

        if (options.Document is not null && format != ConfigFileFormat.Yaml)
        {
            return ConfigFileReadResult.Failure(
                "The document option applies only to YAML files; remove ?document=N.");
        }

        var byteOrderMarkLength = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        IReadOnlyList<ConfigEntry> entries;
        try
        {
            var body = content[byteOrderMarkLength..];
            entries = ReadEntries(body, byteOrderMarkLength, format, options);
        }
        catch (ConfigFileException exception)
        {
            return ConfigFileReadResult.Failure(exception.Message);
        }

        var error = ConfigKeyChecks.FindError(entries);

        return error is null
            ? ConfigFileReadResult.Success(entries)
            : ConfigFileReadResult.Failure(error);
    }

    private static IReadOnlyList<ConfigEntry> ReadEntries(
        ReadOnlySpan<byte> content,
        int offset,
        ConfigFileFormat format,
        ConfigImportOptions options)
    {
        var utf8 = ValidateUtf8(content, offset);

        return format switch
        {
            ConfigFileFormat.Json => JsonConfigReader.Read(utf8, options.ValueKeys),
            ConfigFileFormat.Yaml => YamlConfigReader.Read(
                Encoding.UTF8.GetString(utf8), options.Document, options.ValueKeys),
            _ => DotenvConfigReader.Read(Encoding.UTF8.GetString(utf8)),
        };
    }

    // Checked first, because a decoder would replace an invalid byte silently, and System.Text.Json
    // checks the UTF-8 of a string only when the string's value is read.
    /// <param name="offset">The position of <paramref name="content"/> in the file.</param>
    private static ReadOnlySpan<byte> ValidateUtf8(ReadOnlySpan<byte> content, int offset)
    {
        if (Utf8.IsValid(content))
        {
            return content;
        }

        var buffer = new char[content.Length];
        Utf8.ToUtf16(content, buffer, out var validLength, out _, replaceInvalidSequences: false);

        var position = offset + validLength + 1;
        throw new ConfigFileException(
            $"The file is not valid UTF-8 text at byte {position}; save it as UTF-8.");
    }
}
