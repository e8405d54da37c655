using OrleansConfig.Configuration;

namespace OrleansConfig.Schemas;

/// <summary>
/// The keys a schema is attached to: one configuration key (<c>Payments:Port</c>), or every key that starts
/// with a prefix, written with a trailing <c>*</c> (<c>Payments:*</c>; a lone <c>*</c> matches every key).
/// Matching ignores case, as configuration keys do.
/// </summary>
public static class SchemaPatterns
{
    public const char Wildcard = '*';

    /// <summary>Returns null when <paramref name="pattern"/> is a key or a prefix pattern, else the problem.</summary>
    public static string? Validate(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "The schema key is empty; name a key such as Payments:Port or a prefix such as Payments:*.";
        }

        var star = pattern.IndexOf(Wildcard);
        if (star < 0)
        {
            return ConfigKeyRules.ValidateKey(pattern);
        }

        if (star != pattern.Length - 1)
        {
            return $"The schema key '{pattern}' has '*' at position {star + 1}; '*' may only end a prefix, "
                + "as in Payments:*.";
        }

        var prefix = pattern[..^1];
        if (prefix.Length == 0)
        {
            return null;
        }

        // A prefix may end with the section separator, so check it as the key it would be without one.
        var asKey = prefix.EndsWith(':') ? prefix[..^1] : prefix;

        return asKey.Length == 0 ? "The schema key ':*' has an empty section; use * for every key." :
            ConfigKeyRules.ValidateKey(asKey);
    }

    public static bool IsPrefix(string pattern) => pattern.EndsWith(Wildcard);

    /// <summary>Returns the identity of a pattern: patterns that differ only by case share it.</summary>
    public static string Normalize(string pattern) => pattern.ToLowerInvariant();

    /// <summary>Returns true when the schema of <paramref name="pattern"/> applies to <paramref name="key"/>.</summary>
    public static bool Matches(string pattern, string key) => IsPrefix(pattern)
        ? key.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
        : string.Equals(pattern, key, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the snapshot prefix that selects every key the pattern can match.</summary>
    public static string SnapshotPrefix(string pattern) => IsPrefix(pattern) ? pattern[..^1] : pattern;
}
