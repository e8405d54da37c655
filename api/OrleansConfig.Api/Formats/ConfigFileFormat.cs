namespace OrleansConfig.Api.Formats;

/// <summary>A file format that configuration entries are imported from and exported to.</summary>
public enum ConfigFileFormat
{
    /// <summary>JSON as .NET configuration reads it, with comments and trailing commas.</summary>
    Json,

    /// <summary>YAML 1.2 with the core schema, merge keys and several documents per file.</summary>
    Yaml,

    /// <summary>A <c>.env</c> file of <c>NAME=value</c> lines.</summary>
    Dotenv,
}
