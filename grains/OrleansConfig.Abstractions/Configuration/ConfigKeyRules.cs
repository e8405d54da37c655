namespace OrleansConfig.Configuration;

/// <summary>
/// The grammar of configuration keys and of namespace and environment names.
/// </summary>
/// <remarks>
/// A key is 1 to 256 ASCII characters: letters, digits and <c>_ . : - / $ @</c>. The colon separates
/// sections, as in .NET configuration, so a key neither starts nor ends with one and has no empty
/// section (<c>a::b</c>). Keys keep their case, but two keys that differ only by case are the same key,
/// because .NET configuration reads keys case-insensitively.
/// Namespace and environment names are 1 to 63 characters: lowercase letters, digits, <c>-</c> and
/// <c>_</c>, starting with a letter or digit.
/// </remarks>
public static class ConfigKeyRules
{
    public const int MaxKeyLength = 256;

    public const int MaxNameLength = 63;

    public const string KeyCharacters = "ASCII letters, digits and _ . : - / $ @";

    /// <summary>Returns null when <paramref name="key"/> is valid, else a message naming the problem.</summary>
    public static string? ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The key is empty; a key has 1 to 256 characters.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"The key is {key.Length} characters long; the maximum is {MaxKeyLength}.";
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (!IsKeyCharacter(key[i]))
            {
                return $"The key '{Printable(key)}' contains {Describe(key[i])} at position {i + 1}; "
                    + $"a key may contain only {KeyCharacters}.";
            }
        }

        if (key[0] == ':' || key[^1] == ':' || key.Contains("::", StringComparison.Ordinal))
        {
            return $"The key '{key}' has an empty section; the ':' separator may not start or end a key "
                + "or appear twice in a row.";
        }

        return null;
    }

    /// <summary>Returns null when <paramref name="name"/> is a valid namespace or environment name.</summary>
    public static string? ValidateName(string? name, string kind)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {kind} name is empty; it has 1 to {MaxNameLength} characters.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"The {kind} name is {name.Length} characters long; the maximum is {MaxNameLength}.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var valid = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (i > 0 && c is '-' or '_');
            if (!valid)
            {
                return $"The {kind} name '{Printable(name)}' contains {Describe(c)} at position {i + 1}; "
                    + "use lowercase letters, digits, '-' and '_', starting with a letter or digit.";
            }
        }

        return null;
    }

    /// <summary>Returns the identity of a key: two keys that differ only by case share it.</summary>
    public static string Normalize(string key) => key.ToLowerInvariant();

    private static bool IsKeyCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '_' or '.' or ':' or '-' or '/' or '$' or '@';

    private static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"the character U+{(int)c:X4}";

    private static string Printable(string value)
    {
        var truncated = value.Length > 80 ? value[..80] + "…" : value;

        return new string(truncated.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
