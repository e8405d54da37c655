using System.Globalization;
using System.Text;

namespace OrleansConfig.Flags;

/// <summary>Builds normalized JSONPath expressions (RFC 9535), such as <c>$['flags']['a'][0]</c>.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Member(string parent, string name)
    {
        var builder = new StringBuilder(parent, parent.Length + name.Length + 4).Append("['");
        foreach (var c in name)
        {
            _ = c switch
            {
                '\'' => builder.Append("\\'"),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append("']").ToString();
    }

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Appends a path relative to a rule (starting with "$") to the rule's own path.</summary>
    public static string Combine(string parent, string relative) =>
        relative.StartsWith(Root, StringComparison.Ordinal) ? parent + relative[Root.Length..] : parent;
}
