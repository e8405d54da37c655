namespace OrleansConfig.Secrets;

/// <summary>
/// The grammar of secret names and of the secret patterns in grants. A name is 1 to 128 ASCII letters,
/// digits and <c>_ . -</c>, starting with a letter or digit. Names keep their case, but two names that
/// differ only by case name the same secret (one grain). A pattern is a name, a name prefix followed by
/// <c>*</c>, or <c>*</c> alone for every secret of the grant's scope.
/// </summary>
public static class SecretNameRules
{
    public const int MaxNameLength = 128;

    /// <summary>The most secret patterns one grant may list.</summary>
    public const int MaxPatterns = 50;

    /// <summary>Returns null when <paramref name="name"/> is valid, else a message naming the problem.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The secret name is empty; a secret name has 1 to {MaxNameLength} characters.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"The secret name is {name.Length} characters long; the maximum is {MaxNameLength}.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"The secret name '{Printable(name)}' starts with {Describe(name[0])}; "
                + "a secret name starts with an ASCII letter or digit.";
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsNameCharacter(name[i]))
            {
                return $"The secret name '{Printable(name)}' contains {Describe(name[i])} at position {i + 1}; "
                    + "a secret name may contain only ASCII letters, digits, '_', '.' and '-'.";
            }
        }

        return null;
    }

    /// <summary>Returns null when <paramref name="patterns"/> are valid grant patterns, else the problem.</summary>
    public static string? ValidatePatterns(IReadOnlyList<string>? patterns)
    {
        if (patterns is null)
        {
            return null;
        }

        if (patterns.Count is 0 or > MaxPatterns)
        {
            return $"A grant lists {patterns.Count} secrets; list 1 to {MaxPatterns} names or prefixes ending "
                + "in '*', or leave 'secrets' out.";
        }

        foreach (var pattern in patterns)
        {
            if (pattern == "*")
            {
                continue;
            }

            var name = pattern is { Length: > 1 } && pattern[^1] == '*' ? pattern[..^1] : pattern;
            if (ValidateName(name) is { } problem)
            {
                return $"The secret pattern '{Printable(pattern ?? "")}' is invalid: {problem} "
                    + "A pattern is a name, a name prefix followed by '*', or '*'.";
            }
        }

        return null;
    }

    /// <summary>Returns true when a pattern matches <paramref name="name"/>, ignoring case.</summary>
    public static bool Matches(IReadOnlyList<string> patterns, string name)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(name);

        foreach (var pattern in patterns)
        {
            var matched = pattern.EndsWith('*')
                ? name.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the identity of a name: two names that differ only by case share it.</summary>
    public static string Normalize(string name) => name.ToLowerInvariant();

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"the character U+{(int)c:X4}";

    private static string Printable(string value)
    {
        var truncated = value.Length > 80 ? value[..80] + "…" : value;

        return new string(truncated.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
