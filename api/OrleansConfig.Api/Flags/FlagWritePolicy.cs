using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// Decides which problems of a flag definition reject a write. flagd loads a flag whose targeting
/// rule cannot compile, returns a name that is no variant or has invalid <c>fractional</c> weights,
/// and then evaluates it with an error, so the api rejects such a rule at write instead. Every other
/// warning (mixed variant types, unknown members, non-primitive metadata) is returned and written.
/// </summary>
public static class FlagWritePolicy
{
    /// <summary>
    /// Returns the problems with every warning inside a targeting rule or a shared evaluator raised
    /// to an error. <paramref name="flagPaths"/> are the paths of the flag objects: <c>$</c> for one
    /// flag document, <c>$['flags']['key']</c> for each flag of a file.
    /// </summary>
    public static List<FlagDefinitionProblem> Apply(
        IEnumerable<FlagDefinitionProblem> problems, IEnumerable<string> flagPaths)
    {
        var rulePaths = flagPaths.Select(path => JsonPath.Member(path, "targeting"))
            .Append(JsonPath.Member(JsonPath.Root, "$evaluators"))
            .ToArray();

        return ErrorsFirst(problems.Select(problem =>
                problem.Severity == FlagProblemSeverity.Warning && rulePaths.Any(rule => IsWithin(problem.Path, rule))
                    ? problem with { Severity = FlagProblemSeverity.Error }
                    : problem)
            .ToList());
    }

    /// <summary>Returns the problems with the errors first, each group in its original order.</summary>
    public static List<FlagDefinitionProblem> ErrorsFirst(IEnumerable<FlagDefinitionProblem> problems) =>
        problems.OrderByDescending(problem => problem.Severity).ToList();

    public static bool HasErrors(IEnumerable<FlagDefinitionProblem> problems) =>
        problems.Any(problem => problem.Severity == FlagProblemSeverity.Error);

    /// <summary>Returns true when <paramref name="path"/> is <paramref name="parent"/> or a path below it.</summary>
    private static bool IsWithin(string path, string parent) =>
        path.StartsWith(parent, StringComparison.Ordinal)
        && (path.Length == parent.Length || path[parent.Length] == '[');
}
