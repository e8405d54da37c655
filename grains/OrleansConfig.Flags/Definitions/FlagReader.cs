using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>Reads the members of one flag object.</summary>
internal static class FlagReader
{
    public static FlagDefinition? Read(string key, JsonElement element, string path,
        List<FlagDefinitionProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(FlagdReader.Error(path,
                $"The flag is {FlagdReader.Described(element)}; it must be an object."));

            return null;
        }

        var members = FlagdReader.Members(element);
        var state = ReadState(members, path, problems);
        var variants = ReadVariants(members, path, problems);
        var (defaultVariant, explicitNull) = ReadDefaultVariant(members, variants, path, problems);
        var metadata = FlagdReader.ObjectMember(members, "metadata", path, problems);
        JsonElement? targeting = members.Remove("targeting", out var rule) && rule.ValueKind != JsonValueKind.Null
            ? rule
            : null;
        if (state is null || variants is null)
        {
            return null;
        }

        return new FlagDefinition
        {
            Key = key,
            State = state.Value,
            Variants = variants,
            DefaultVariant = defaultVariant,
            HasExplicitNullDefaultVariant = explicitNull,
            Targeting = targeting,
            Metadata = metadata,
            AdditionalProperties = members,
        };
    }

    private static FlagState? ReadState(
        OrderedDictionary<string, JsonElement> members, string path, List<FlagDefinitionProblem> problems)
    {
        members.Remove("state", out var element);
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        switch (text)
        {
            case "ENABLED":
                return FlagState.Enabled;
            case "DISABLED":
                return FlagState.Disabled;
            default:
                var found = element.ValueKind == JsonValueKind.Undefined ? "missing" : element.GetRawText();
                problems.Add(FlagdReader.Error(
                    JsonPath.Member(path, "state"), $"The state is {found}; it must be \"ENABLED\" or \"DISABLED\"."));

                return null;
        }
    }

    private static OrderedDictionary<string, JsonElement>? ReadVariants(
        OrderedDictionary<string, JsonElement> members, string path, List<FlagDefinitionProblem> problems)
    {
        if (members.Remove("variants", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            return FlagdReader.Members(element);
        }

        var found = element.ValueKind == JsonValueKind.Undefined ? "missing" : FlagdReader.Described(element);
        problems.Add(FlagdReader.Error(
            JsonPath.Member(path, "variants"),
                $"'variants' is {found}; it must be an object of values by variant name."));

        return null;
    }

    // flagd treats an absent, null or empty defaultVariant as "use the caller's default".
    private static (string? Name, bool ExplicitNull) ReadDefaultVariant(
        OrderedDictionary<string, JsonElement> members,
        IReadOnlyDictionary<string, JsonElement>? variants,
        string path,
        List<FlagDefinitionProblem> problems)
    {
        if (!members.Remove("defaultVariant", out var element))
        {
            return (null, false);
        }

        var memberPath = JsonPath.Member(path, "defaultVariant");
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return (null, true);
            case JsonValueKind.String when element.GetString() is { Length: > 0 } name:
                if (variants is not null && !variants.ContainsKey(name))
                {
                    problems.Add(FlagdReader.Error(memberPath,
                        $"The default variant '{name}' is not one of the variants: {Names(variants)}."));
                }

                return (name, false);
            case JsonValueKind.String:
                problems.Add(FlagdReader.Warning(memberPath,
                    "The default variant is empty, which flagd treats as absent; use null."));

                return (null, true);
            default:
                problems.Add(FlagdReader.Error(memberPath,
                    $"The default variant is {element.GetRawText()}; it must be a variant name or null."));

                return (null, false);
        }
    }

    internal static string Names(IReadOnlyDictionary<string, JsonElement> variants) =>
        variants.Count == 0 ? "(none)" : string.Join(", ", variants.Keys.Select(name => $"'{name}'"));
}
