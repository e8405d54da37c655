namespace OrleansConfig.Api.Formats;

/// <summary>Options of a configuration file import.</summary>
public sealed record ConfigImportOptions
{
    /// <summary>The shared instance with every option unset.</summary>
    public static ConfigImportOptions Default { get; } = new();

    /// <summary>
    /// The 1-based YAML document to import from a file of several documents. The default value is
    /// null, which accepts only a file of one document. Only YAML files accept it.
    /// </summary>
    public int? Document { get; init; }

    /// <summary>
    /// Keys, normalized with <c>ConfigKeyRules.Normalize</c>, whose object or array in the file is
    /// one value rather than a section to flatten. An import passes the keys that already hold an
    /// object or array, so that importing an export keeps them as they are. The default is an empty set.
    /// </summary>
    public IReadOnlySet<string> ValueKeys { get; init; } = new HashSet<string>();
}
