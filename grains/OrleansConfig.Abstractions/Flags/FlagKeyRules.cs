namespace OrleansConfig.Flags;

/// <summary>
/// The grammar of flag keys: 1 to 128 ASCII letters, digits and <c>. _ -</c>, starting with a letter or
/// digit. Two keys that differ only by case name the same flag (one grain); the flag keeps the case it
/// was created with, and evaluation matches that case exactly, as flagd does.
/// </summary>
public static class FlagKeyRules
{
    public const int MaxKeyLength = 128;

    /// <summary>Returns null when <paramref name="key"/> is valid, else a message naming the problem.</summary>
    public static string? ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The flag key is empty; a flag key has 1 to 128 characters.";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"The flag key is {key.Length} characters long; the maximum is {MaxKeyLength}.";
        }

        if (!char.IsAsciiLetterOrDigit(key[0]))
        {
            return $"The flag key '{key}' starts with '{key[0]}'; a flag key starts with an ASCII letter or digit.";
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"The flag key contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}' at "
                    + $"position {i + 1}; a flag key may contain only ASCII letters, digits and . _ -";
            }
        }

        return null;
    }

    public static string Normalize(string key) => key.ToLowerInvariant();
}
