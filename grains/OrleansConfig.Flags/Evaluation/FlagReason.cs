namespace OrleansConfig.Flags;

/// <summary>Resolution reasons, named as OpenFeature names them.</summary>
public static class FlagReason
{
    /// <summary>The flag has no targeting rule; the value is the default variant's.</summary>
    public const string Static = "STATIC";

    /// <summary>The targeting rule returned a variant.</summary>
    public const string TargetingMatch = "TARGETING_MATCH";

    /// <summary>The targeting rule returned null, so the default variant (or the caller's default) applies.</summary>
    public const string Default = "DEFAULT";

    /// <summary>The flag is disabled; the value is the caller's default.</summary>
    public const string Disabled = "DISABLED";

    /// <summary>The evaluation failed. The error code gives the cause, and the value is the caller's default.</summary>
    public const string Error = "ERROR";

    /// <summary>
    /// A pseudorandom split. flagd reports a <c>fractional</c> result as TARGETING_MATCH, and so
    /// does this engine; the name is here for callers that map reasons.
    /// </summary>
    public const string Split = "SPLIT";
}
