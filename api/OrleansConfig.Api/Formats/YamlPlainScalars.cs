namespace OrleansConfig.Api.Formats;

/// <summary>The test for text that reads back unchanged when written as a plain scalar.</summary>
internal static class YamlPlainScalars
{
    private const string InnerSymbols = "_./-@$+=,();";

    // YAML 1.1 readers take these words as booleans or null, so they are always quoted.
    private static readonly HashSet<string> s_reservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    /// <summary>
    /// Returns whether <paramref name="text"/> can be written plain in a block mapping: it starts
    /// with a letter, '_', '/' or '$', holds no YAML indicator that changes its meaning and is no
    /// reserved word. Numbers, null and booleans all fail the first rule.
    /// </summary>
    public static bool IsSafe(string text)
    {
        if (text.Length == 0 || !IsStart(text[0]) || s_reservedWords.Contains(text))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is ' ' or ':'
                ? i < text.Length - 1 && text[i + 1] != ' '
                : char.IsAsciiLetterOrDigit(c) || InnerSymbols.Contains(c);
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStart(char c) => char.IsAsciiLetter(c) || c is '_' or '/' or '$';
}
