using System.Text.Json;
using OrleansConfig.Flags.Logic;

namespace OrleansConfig.Flags;

/// <summary>
/// Checks a read definition for what flagd loads but evaluates with an error or not as written:
/// mixed variant types, metadata that is not a primitive, targeting that cannot compile or that
/// names an unknown variant, and <c>fractional</c> buckets with invalid weights.
/// </summary>
internal static class FlagDefinitionValidator
{
    private const string FlagsPath = "$['flags']";
    private const string EvaluatorsPath = "$['$evaluators']";

    public static void Validate(FlagSetDefinition set, List<FlagDefinitionProblem> problems)
    {
        foreach (var (key, flag) in set.Flags)
        {
            Validate(flag, set.Evaluators, JsonPath.Member(FlagsPath, key), problems);
        }

        CheckMetadata(set.Metadata, JsonPath.Member(JsonPath.Root, "metadata"), problems);
        foreach (var (name, rule) in set.Evaluators)
        {
            CheckCompiles(rule, set.Evaluators, JsonPath.Member(EvaluatorsPath, name), problems);
        }
    }

    public static void Validate(
        FlagDefinition flag,
        IReadOnlyDictionary<string, JsonElement> evaluators,
        string path,
        List<FlagDefinitionProblem> problems)
    {
        CheckVariantTypes(flag, JsonPath.Member(path, "variants"), problems);
        CheckMetadata(flag.Metadata, JsonPath.Member(path, "metadata"), problems);
        if (flag.Targeting is not { } targeting)
        {
            return;
        }

        var targetingPath = JsonPath.Member(path, "targeting");
        if (targeting.ValueKind == JsonValueKind.Array)
        {
            // JSONLogic reads an array as data, so the rule would return the array, which names no variant.
            problems.Add(FlagdReader.Warning(targetingPath,
                "The targeting rule is an array, which names no variant; write a JSONLogic object such as "
                + "{\"if\": [condition, \"on\", \"off\"]}."));

            return;
        }

        if (CheckCompiles(targeting, evaluators, targetingPath, problems))
        {
            new TargetingChecker(flag.Variants, evaluators, problems).CheckResult(targeting, targetingPath);
        }
    }

    /// <summary>
    /// Returns the variant's type name as flagd's typed resolution checks it; arrays count as
    /// objects.
    /// </summary>
    internal static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Object or JsonValueKind.Array => "object",
        _ => "null",
    };

    private static string WithArticle(string typeName) => (typeName == "object" ? "an " : "a ") + typeName;

    private static void CheckVariantTypes(FlagDefinition flag, string path, List<FlagDefinitionProblem> problems)
    {
        string? firstName = null;
        string? firstType = null;
        foreach (var (name, value) in flag.Variants)
        {
            var type = TypeName(value);
            if (type == "null")
            {
                problems.Add(FlagdReader.Warning(JsonPath.Member(path, name),
                    "The variant value is null; a variant must be a boolean, string, number or object."));
                continue;
            }

            if (firstType is null)
            {
                (firstName, firstType) = (name, type);
            }
            else if (type != firstType)
            {
                problems.Add(FlagdReader.Warning(
                    JsonPath.Member(path, name),
                    $"The variant is {WithArticle(type)}, but variant '{firstName}' is "
                    + $"{WithArticle(firstType)}; "
                    + "all variants of a flag must have one type."));
            }
        }
    }

    private static void CheckMetadata(
        IReadOnlyDictionary<string, JsonElement> metadata, string path, List<FlagDefinitionProblem> problems)
    {
        foreach (var (name, value) in metadata)
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                problems.Add(FlagdReader.Warning(JsonPath.Member(path, name),
                    $"The metadata value is {FlagdReader.Described(value)}; it must be a string, number or boolean."));
            }
        }
    }

    // Returns false when the rule cannot compile, because flagd then returns PARSE_ERROR for the flag.
    private static bool CheckCompiles(
        JsonElement rule,
        IReadOnlyDictionary<string, JsonElement> evaluators,
        string path,
        List<FlagDefinitionProblem> problems)
    {
        var resolved = RefResolver.Resolve(rule, evaluators, out var refError, out var refPath);
        if (refError is not null)
        {
            problems.Add(FlagdReader.Warning(JsonPath.Combine(path, refPath!),
                refError + " The flag evaluates with PARSE_ERROR."));

            return false;
        }

        try
        {
            LogicCompiler.Compile(resolved);

            return true;
        }
        catch (LogicCompileException exception)
        {
            problems.Add(FlagdReader.Warning(
                JsonPath.Combine(path, exception.Path), exception.Message + " The flag evaluates with PARSE_ERROR."));

            return false;
        }
    }
}
