namespace OrleansConfig.Flags;

/// <summary>How serious a problem in a flag definition is.</summary>
public enum FlagProblemSeverity
{
    /// <summary>flagd loads the file, but a flag evaluates with an error or not as written.</summary>
    Warning,

    /// <summary>flagd rejects the whole file.</summary>
    Error,
}

/// <summary>
/// A problem found in a flag definition, at a normalized JSONPath such as
/// <c>$['flags']['a']['state']</c>.
/// </summary>
public sealed record FlagDefinitionProblem(string Path, string Message, FlagProblemSeverity Severity)
{
    public override string ToString() => $"{Severity} at {Path}: {Message}";
}
