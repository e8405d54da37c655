namespace OrleansConfig.Configuration;

/// <summary>
/// Builds the string keys of configuration grains. Namespace and environment names cannot contain
/// '/', so the first two separators are unambiguous even when a configuration key contains '/'.
/// </summary>
public static class GrainKeys
{
    public static string Environment(string ns, string env) => $"{ns}/{env}";

    /// <summary>Returns the key grain's identity; keys that differ only by case share it.</summary>
    public static string ConfigKey(string ns, string env, string key) =>
        $"{ns}/{env}/{ConfigKeyRules.Normalize(key)}";

    /// <summary>Returns a flag grain's identity; flag keys that differ only by case share it.</summary>
    public static string Flag(string ns, string env, string flagKey) =>
        $"{ns}/{env}/{Flags.FlagKeyRules.Normalize(flagKey)}";

    /// <summary>Returns a secret grain's identity; secret names that differ only by case share it.</summary>
    public static string Secret(string ns, string env, string name) => $"{ns}/{env}/{name.ToLowerInvariant()}";

    /// <summary>Splits a key grain's identity into its namespace, environment and normalized key.</summary>
    public static (string Namespace, string Environment, string Key) ParseConfigKey(string grainKey)
    {
        var first = grainKey.IndexOf('/');
        var second = grainKey.IndexOf('/', first + 1);
        if (first <= 0 || second <= first + 1)
        {
            throw new ArgumentException($"'{grainKey}' is not a configuration key grain identity.", nameof(grainKey));
        }

        return (grainKey[..first], grainKey[(first + 1)..second], grainKey[(second + 1)..]);
    }

    public static (string Namespace, string Environment) ParseEnvironment(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        if (slash <= 0 || slash == grainKey.Length - 1)
        {
            throw new ArgumentException($"'{grainKey}' is not an environment grain identity.", nameof(grainKey));
        }

        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
