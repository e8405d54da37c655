namespace OrleansConfig.Flags.Logic;

/// <summary>
/// Raised where flagd's JsonLogic engine throws during evaluation, such as arithmetic that
/// yields NaN or a numeric comparison with a non-numeric string.
/// </summary>
internal sealed class LogicEvaluationException(string message) : Exception(message);

/// <summary>Raised for a targeting rule that cannot be compiled, such as an unknown operator.</summary>
internal sealed class LogicCompileException(string path, string message) : Exception(message)
{
    /// <summary>The JSONPath of the failing expression, relative to the targeting rule.</summary>
    public string Path { get; } = path;
}
