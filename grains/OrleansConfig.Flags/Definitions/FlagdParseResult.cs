namespace OrleansConfig.Flags;

/// <summary>
/// The outcome of reading a flagd file: the definition unless an error prevents it, and every
/// problem found.
/// </summary>
public sealed class FlagdParseResult<T>
    where T : class
{
    internal FlagdParseResult(T? definition, IReadOnlyList<FlagDefinitionProblem> problems)
    {
        Definition = definition;
        Problems = problems;
    }

    /// <summary>
    /// The definition, or null when a problem of severity <see cref="FlagProblemSeverity.Error"/>
    /// was found.
    /// </summary>
    public T? Definition { get; }

    public IReadOnlyList<FlagDefinitionProblem> Problems { get; }

    /// <summary>True when there is no problem at all, not even a warning.</summary>
    public bool IsValid => Problems.Count == 0;
}
