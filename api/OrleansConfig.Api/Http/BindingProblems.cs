using System.Text.RegularExpressions;

namespace OrleansConfig.Api.Http;

/// <summary>
/// Rewords the framework's message for a query value that does not bind, such as
/// <c>Failed to bind parameter "Nullable&lt;int&gt; limit" from "abc".</c>, into one that names the
/// value and the fix without the parameter's .NET type.
/// </summary>
public static partial class BindingProblems
{
    public static string Describe(string message)
    {
        var match = FailedBinding().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        var expected = match.Groups["type"].Value.Contains("int", StringComparison.OrdinalIgnoreCase)
            ? "a whole number"
            : "a value of the documented type";

        return $"The query value {name}={value} is not {expected}; send {name} once, as {expected}, "
            + $"or leave it out to use the default.";
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[A-Za-z0-9_]+)" from "(?<value>[^"]*)"\.?$""")]
    private static partial Regex FailedBinding();
}
