namespace OrleansConfig.Flags;

/// <summary>Resolution error codes, named as OpenFeature names them.</summary>
public static class FlagErrorCode
{
    public const string FlagNotFound = "FLAG_NOT_FOUND";

    /// <summary>The variant's value is not of the requested type.</summary>
    public const string TypeMismatch = "TYPE_MISMATCH";

    /// <summary>
    /// The targeting rule cannot be compiled (unknown operator, unresolved <c>$ref</c>, failing
    /// constant).
    /// </summary>
    public const string ParseError = "PARSE_ERROR";

    /// <summary>
    /// Not produced: like flagd, a <c>fractional</c> without a targeting key yields the default
    /// variant instead of an error. The name is here for callers that map error codes.
    /// </summary>
    public const string TargetingKeyMissing = "TARGETING_KEY_MISSING";

    /// <summary>The evaluation context is not a JSON object, or its targeting key is not a string.</summary>
    public const string InvalidContext = "INVALID_CONTEXT";

    /// <summary>The rule failed while evaluating, or returned a name that is not a variant.</summary>
    public const string General = "GENERAL";
}
