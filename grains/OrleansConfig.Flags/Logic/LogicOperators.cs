using System.Collections.Frozen;

namespace OrleansConfig.Flags.Logic;

/// <summary>The JsonLogic operators that flagd evaluates, and which of them read the context.</summary>
internal static class LogicOperators
{
    /// <summary>Every supported operator name.</summary>
    public static readonly FrozenSet<string> Names = new[]
    {
        "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and",
        ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%", "map", "filter", "reduce", "all", "none",
        "some", "merge", "in", "cat", "substr", "fractional", "sem_ver", "starts_with", "ends_with",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Operators whose second argument runs once per array item.</summary>
    public static readonly FrozenSet<string> Iterations = new[] { "map", "filter", "reduce", "all", "none", "some" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>flagd's own operators; they are never evaluated at compile time.</summary>
    public static readonly FrozenSet<string> Custom = new[] { "fractional", "sem_ver", "starts_with", "ends_with" }
        .ToFrozenSet(StringComparer.Ordinal);
}
