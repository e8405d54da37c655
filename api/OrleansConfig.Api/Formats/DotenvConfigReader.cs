using System.Text;

namespace OrleansConfig.Api.Formats;

/// <summary>
/// Reads a <c>.env</c> file: <c>NAME=value</c> lines with an optional <c>export </c> prefix, where
/// <c>#</c> lines and blank lines are skipped. Every value becomes a JSON string, and a
/// <c>${VAR}</c> reference stays as text because nothing is interpolated.
/// </summary>
internal static class DotenvConfigReader
{
    private static readonly char[] s_blanks = [' ', '\t'];

    /// <summary>Reads dotenv text with any byte-order mark already removed.</summary>
    public static IReadOnlyList<ConfigEntry> Read(string text)
    {
        var collector = new ConfigEntryCollector();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim(s_blanks);
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var (name, value) = ParseAssignment(line, lineNumber: i + 1);
            collector.Add(name, JsonText.EncodeString(value));
        }

        return collector.Entries;
    }

    private static (string Name, string Value) ParseAssignment(string line, int lineNumber)
    {
        line = WithoutExportPrefix(line);
        var equals = line.IndexOf('=');
        var name = equals < 0 ? "" : line[..equals].TrimEnd(s_blanks);
        if (name.Length == 0)
        {
            throw new ConfigFileException(
                $"Line {lineNumber} is not a NAME=value assignment, a comment or a blank line.");
        }

        var rest = line[(equals + 1)..].TrimStart(s_blanks);
        var value = rest.Length > 0 && rest[0] is '"' or '\''
            ? ParseQuoted(rest, name, lineNumber)
            : ParseUnquoted(rest);

        return (name, value);
    }

    // "export = 1" assigns the name export, so the prefix counts only when a name follows it.
    private static string WithoutExportPrefix(string line)
    {
        if (!line.StartsWith("export", StringComparison.Ordinal) || line.Length < 7
            || line[6] is not (' ' or '\t'))
        {
            return line;
        }

        var rest = line[7..].TrimStart(s_blanks);

        return rest.StartsWith('=') ? line : rest;
    }

    // A '#' starts a comment only after a blank, so "a#b" keeps its '#'.
    private static string ParseUnquoted(string rest)
    {
        var comment = rest.Length;
        foreach (var marker in new[] { " #", "\t#" })
        {
            var index = rest.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && index < comment)
            {
                comment = index;
            }
        }

        return rest[..comment].TrimEnd(s_blanks);
    }

    // Single quotes keep their content literally. Double quotes read \n, \r, \t, \" and \\, and
    // keep any other backslash as it is. The value must end on its line.
    private static string ParseQuoted(string rest, string name, int lineNumber)
    {
        var quote = rest[0];
        var value = new StringBuilder();
        var i = 1;
        for (; i < rest.Length && rest[i] != quote; i++)
        {
            var escaped = quote == '"' && rest[i] == '\\' && i + 1 < rest.Length
                ? Unescape(rest[i + 1])
                : null;
            if (escaped is null)
            {
                value.Append(rest[i]);
                continue;
            }

            value.Append(escaped.Value);
            i++;
        }

        if (i == rest.Length)
        {
            throw new ConfigFileException(
                $"Line {lineNumber}: the value of '{name}' has no closing {quote} quote; a quoted "
                + "value must end on the same line.");
        }

        var after = rest[(i + 1)..].TrimStart(s_blanks);
        if (after.Length > 0 && after[0] != '#')
        {
            throw new ConfigFileException(
                $"Line {lineNumber}: the value of '{name}' has text after its closing {quote} "
                + "quote; only a # comment may follow it.");
        }

        return value.ToString();
    }

    private static char? Unescape(char c) => c switch
    {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '"' => '"',
        '\\' => '\\',
        _ => null,
    };
}
