namespace OrleansConfig.Client.State;

/// <summary>
/// Selects the keys under a prefix, compared ignoring case as the api's snapshot filter does, and
/// maps them to configuration keys, with the prefix removed when asked.
/// </summary>
internal sealed class KeyFilter(string? prefix, bool stripPrefix)
{
    public string? Prefix { get; } = string.IsNullOrEmpty(prefix) ? null : prefix;

    public bool Includes(string key) => Prefix is null || key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the configuration key of an included key: empty when it is the prefix itself.</summary>
    public string ToConfigurationKey(string key)
    {
        if (!stripPrefix || Prefix is null)
        {
            return key;
        }

        var rest = key[Prefix.Length..];

        return rest.StartsWith(':') ? rest[1..] : rest;
    }
}
