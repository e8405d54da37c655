using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// Reads flagd flag-definition files and single flag definitions, reporting every problem with its
/// JSONPath.
/// </summary>
public static class FlagdReader
{
    /// <summary>The deepest nesting of objects and arrays a flag file or definition may have.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = MaxDepth };

    /// <summary>Reads a whole flagd file: <c>{"$schema", "flags", "$evaluators", "metadata"}</c>.</summary>
    public static FlagdParseResult<FlagSetDefinition> ReadFlagSet(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<FlagDefinitionProblem>();
        if (!TryParse(json, problems, out var root))
        {
            return new(null, problems);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Error(JsonPath.Root,
                $"The file is a JSON {Kind(root)}; a flagd file is an object with a 'flags' member."));

            return new(null, problems);
        }

        var set = ReadFlagSet(root, problems);
        if (set is not null)
        {
            FlagDefinitionValidator.Validate(set, problems);
        }

        return new(problems.Exists(p => p.Severity == FlagProblemSeverity.Error) ? null : set, problems);
    }

    /// <summary>
    /// Reads one flag definition (<c>{"state", "variants", …}</c>). <c>$ref</c>s in its targeting
    /// are checked against <paramref name="evaluators"/> when given.
    /// </summary>
    public static FlagdParseResult<FlagDefinition> ReadFlag(
        string key, string json, IReadOnlyDictionary<string, JsonElement>? evaluators = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<FlagDefinitionProblem>();
        if (!TryParse(json, problems, out var root))
        {
            return new(null, problems);
        }

        var flag = FlagReader.Read(key, root, JsonPath.Root, problems);
        if (flag is not null)
        {
            FlagDefinitionValidator.Validate(flag, evaluators ?? FlagDefinition.EmptyProperties,
                JsonPath.Root, problems);
        }

        return new(problems.Exists(p => p.Severity == FlagProblemSeverity.Error) ? null : flag, problems);
    }

    internal static FlagDefinitionProblem Error(string path, string message) =>
        new(path, message, FlagProblemSeverity.Error);

    internal static FlagDefinitionProblem Warning(string path, string message) =>
        new(path, message, FlagProblemSeverity.Warning);

    internal static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>Names the kind of a JSON value with its article, such as "an object" or "null".</summary>
    internal static string Described(JsonElement element) => JsonInput.Describe(element.ValueKind);

    /// <summary>
    /// Copies an object's members in order; a repeated name keeps its first position and its
    /// last value, as JSON.parse does.
    /// </summary>
    internal static OrderedDictionary<string, JsonElement> Members(JsonElement element)
    {
        var members = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }

        return members;
    }

    private static bool TryParse(string json, List<FlagDefinitionProblem> problems, out JsonElement root)
    {
        var (document, problem) = JsonInput.Parse(json, s_options);
        if (document is null)
        {
            problems.Add(Error(JsonPath.Root, $"The text {problem}"));
            root = default;

            return false;
        }

        using (document)
        {
            root = document.RootElement.Clone();
        }

        return true;
    }

    private static FlagSetDefinition? ReadFlagSet(JsonElement root, List<FlagDefinitionProblem> problems)
    {
        var members = Members(root);
        if (!members.Remove("flags", out var flagsElement) || flagsElement.ValueKind != JsonValueKind.Object)
        {
            var found = flagsElement.ValueKind == JsonValueKind.Undefined ? "missing" : Described(flagsElement);
            problems.Add(Error(JsonPath.Member(JsonPath.Root, "flags"),
                $"'flags' is {found}; it must be an object of flags by key."));

            return null;
        }

        var flags = new OrderedDictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var (key, value) in Members(flagsElement))
        {
            var flagPath = JsonPath.Member(JsonPath.Member(JsonPath.Root, "flags"), key);
            var flag = FlagReader.Read(key, value, flagPath, problems);
            if (flag is not null)
            {
                flags[key] = flag;
            }
        }

        string? schema = null;
        if (members.Remove("$schema", out var schemaElement))
        {
            schema = schemaElement.ValueKind == JsonValueKind.String ? schemaElement.GetString() : null;
            if (schema is null)
            {
                problems.Add(Warning(JsonPath.Member(JsonPath.Root, "$schema"),
                    "'$schema' must be a string; it is ignored."));
            }
        }

        return new FlagSetDefinition
        {
            Schema = schema,
            Flags = flags,
            Evaluators = ObjectMember(members, "$evaluators", JsonPath.Root, problems),
            Metadata = ObjectMember(members, "metadata", JsonPath.Root, problems),
            AdditionalProperties = members,
        };
    }

    /// <summary>Removes and returns an optional object member; a non-object is an error.</summary>
    internal static IReadOnlyDictionary<string, JsonElement> ObjectMember(
        OrderedDictionary<string, JsonElement> members, string name, string parentPath,
            List<FlagDefinitionProblem> problems)
    {
        if (!members.Remove(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return FlagDefinition.EmptyProperties;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Error(JsonPath.Member(parentPath, name),
                $"'{name}' is {Described(element)}; it must be an object."));

            return FlagDefinition.EmptyProperties;
        }

        return Members(element);
    }
}
