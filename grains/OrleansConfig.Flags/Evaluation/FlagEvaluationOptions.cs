namespace OrleansConfig.Flags;

/// <summary>Settings of a compiled flag set.</summary>
public sealed class FlagEvaluationOptions
{
    /// <summary>
    /// The clock behind <c>$flagd.timestamp</c>. The default value is <see
    /// cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
