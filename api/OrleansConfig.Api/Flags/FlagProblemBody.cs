using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// One problem of a flag definition as the api returns it: a normalized JSONPath (RFC 9535) such as
/// <c>$['targeting']['fractional'][1][1]</c>, <c>error</c> or <c>warning</c>, and the message.
/// </summary>
public sealed record FlagProblemBody(string Path, string Severity, string Message)
{
    public static FlagProblemBody From(FlagDefinitionProblem problem) => new(problem.Path,
        problem.Severity == FlagProblemSeverity.Error ? "error" : "warning", problem.Message);
}
