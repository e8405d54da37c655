using System.Text.Json;
using OrleansConfig.Flags.Logic;

namespace OrleansConfig.Flags;

public sealed partial class CompiledFlag
{
    /// <summary>
    /// Resolves the flag without a type: the value is the variant's JSON, or Undefined where the
    /// caller's default applies.
    /// </summary>
    public FlagResolution<JsonElement> Evaluate(EvaluationContext? context) =>
        Resolve(context, default(JsonElement), null, static variant => variant.Value);

    public FlagResolution<bool> ResolveBoolean(bool defaultValue, EvaluationContext? context) =>
        Resolve(context, defaultValue, "boolean", static variant => variant.Boolean);

    public FlagResolution<string> ResolveString(string defaultValue, EvaluationContext? context) =>
        Resolve(context, defaultValue, "string", static variant => variant.String!);

    /// <summary>
    /// Resolves a number flag as a long; a variant that is not an integer in range is a
    /// TYPE_MISMATCH.
    /// </summary>
    public FlagResolution<long> ResolveInteger(long defaultValue, EvaluationContext? context) =>
        Resolve(context, defaultValue, "integer", static variant => variant.Integer!.Value);

    public FlagResolution<double> ResolveDouble(double defaultValue, EvaluationContext? context) =>
        Resolve(context, defaultValue, "number", static variant => variant.Double);

    /// <summary>Resolves an object flag; array variants count as objects, as in flagd.</summary>
    public FlagResolution<JsonElement> ResolveObject(JsonElement defaultValue, EvaluationContext? context) =>
        Resolve(context, defaultValue, "object", static variant => variant.Value);

    private FlagResolution<T> Resolve<T>(
        EvaluationContext? context, T defaultValue, string? type, Func<CompiledVariant, T> read)
    {
        var decision = Decide(context ?? EvaluationContext.Empty);
        if (decision.Variant is not { } variant)
        {
            return new(Key, defaultValue, null, decision.Reason, decision.ErrorCode, decision.ErrorMessage, Metadata);
        }

        if (type is not null && !HasType(variant, type))
        {
            var message = $"The flag '{Key}' resolved to a {variant.Type} variant; {type} was requested.";

            return new(Key, defaultValue, null, FlagReason.Error, FlagErrorCode.TypeMismatch, message, Metadata);
        }

        return new(Key, read(variant), variant.Name, decision.Reason, null, null, Metadata);
    }

    private static bool HasType(CompiledVariant variant, string type) =>
        type == "integer" ? variant.Integer is not null : variant.Type == type;

    private Decision Decide(EvaluationContext context)
    {
        if (State == FlagState.Disabled)
        {
            return new(null, FlagReason.Disabled, null, null);
        }

        if (context.Problem is { } problem)
        {
            return Failure(FlagErrorCode.InvalidContext, problem);
        }

        if (_targetingError is not null)
        {
            return Failure(FlagErrorCode.ParseError, _targetingError);
        }

        if (_targeting is null)
        {
            return FromDefault(FlagReason.Static);
        }

        LogicValue result;
        try
        {
            // Reading the clock costs about a tenth of a simple rule, so only rules that can see it do.
            var timestamp = _readsFlagdProperties ? _timeProvider.GetUtcNow().ToUnixTimeSeconds() : 0;
            result = _targeting.Evaluate(Scope.ForEvaluation(context.Root, Key, timestamp));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Evaluation reports a failing rule as GENERAL, as flagd does, instead of throwing to the caller.
            return Failure(FlagErrorCode.General, $"The targeting rule of flag '{Key}' failed: {exception.Message}");
        }

        if (result.IsNull)
        {
            return FromDefault(FlagReason.Default);
        }

        // Like flagd, the result becomes a variant name through JavaScript's String(): true is "true".
        var name = JsConvert.ToJsString(result);

        return _variants.TryGetValue(name, out var variant)
            ? new(variant, FlagReason.TargetingMatch, null, null)
            : Failure(FlagErrorCode.General,
                $"The targeting rule returned '{name}', which is not a variant of flag '{Key}'.");
    }

    // Without a default variant flagd returns reason DEFAULT, and the caller's default value applies.
    private Decision FromDefault(string reason) => _defaultVariant is null
        ? new(null, FlagReason.Default, null, null)
        : new(_defaultVariant, reason, null, null);

    private static Decision Failure(string code, string message) => new(null, FlagReason.Error, code, message);

    private readonly record struct Decision(CompiledVariant? Variant, string Reason, string? ErrorCode,
        string? ErrorMessage);
}
