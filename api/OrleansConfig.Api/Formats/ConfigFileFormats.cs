namespace OrleansConfig.Api.Formats;

/// <summary>Parsing of format names and the content type that each format is served with.</summary>
public static class ConfigFileFormats
{
    /// <summary>The format names that <see cref="TryParse"/> accepts, for error messages.</summary>
    public const string AcceptedNames = "json, yaml (or yml), dotenv (or env)";

    /// <summary>
    /// Parses a format name such as the <c>format</c> query parameter: <c>json</c>, <c>yaml</c>,
    /// <c>yml</c>, <c>dotenv</c> or <c>env</c>, ignoring case. Returns false for anything else.
    /// </summary>
    public static bool TryParse(string? text, out ConfigFileFormat format)
    {
        switch (text?.ToLowerInvariant())
        {
            case "json":
                format = ConfigFileFormat.Json;
                return true;
            case "yaml":
            case "yml":
                format = ConfigFileFormat.Yaml;
                return true;
            case "dotenv":
            case "env":
                format = ConfigFileFormat.Dotenv;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>Returns the Content-Type of an exported file in <paramref name="format"/>.</summary>
    public static string GetContentType(ConfigFileFormat format) => format switch
    {
        ConfigFileFormat.Json => "application/json",
        ConfigFileFormat.Yaml => "application/yaml",
        ConfigFileFormat.Dotenv => "text/plain; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown file format."),
    };
}
