using System.Text;

namespace OrleansConfig.Api.Formats;

/// <summary>Exports flat entries as a configuration file.</summary>
/// <remarks>
/// A dotenv import reads every value as a string, so only string values survive a dotenv export
/// and re-import. They come back byte for byte when their JSON literal escapes only quotes,
/// backslashes and control characters, as a dotenv import writes it. A dotenv file contains the
/// decoded text, so a literal such as <c>"\u00e9"</c> comes back as <c>"é"</c>. A number,
/// boolean, null, object or array is written as its JSON text and comes back as a string.
/// </remarks>
public static class ConfigFileWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="entries"/> in <paramref name="format"/>. JSON and YAML rebuild the
    /// nesting from the <c>:</c> sections in entry order, and a section whose children are named
    /// 0 to n-1 becomes an array. A key that has a value and children, or a value that is not valid
    /// JSON, gives an error result; only invalid arguments throw.
    /// </summary>
    public static ConfigFileWriteResult Write(
        IReadOnlyList<ConfigEntry> entries, ConfigFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var contentType = ConfigFileFormats.GetContentType(format);
        try
        {
            var content = format switch
            {
                ConfigFileFormat.Json => JsonConfigWriter.Write(ConfigTree.Build(entries)),
                ConfigFileFormat.Yaml => YamlConfigWriter.Write(ConfigTree.Build(entries), s_utf8),
                _ => s_utf8.GetBytes(DotenvConfigWriter.Write(entries)),
            };

            return ConfigFileWriteResult.Success(content, contentType);
        }
        catch (ConfigFileException exception)
        {
            return ConfigFileWriteResult.Failure(exception.Message, contentType);
        }
    }
}
