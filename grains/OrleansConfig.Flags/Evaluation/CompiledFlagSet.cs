using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// A flag set compiled once and evaluated many times: immutable and safe to use from many
/// threads. Its resolve methods report failures in the result instead of throwing (only
/// OutOfMemoryException escapes), and an unknown key resolves with FLAG_NOT_FOUND.
/// </summary>
public sealed class CompiledFlagSet
{
    private readonly FrozenDictionary<string, CompiledFlag> _flags;

    private CompiledFlagSet(FrozenDictionary<string, CompiledFlag> flags,
        IReadOnlyDictionary<string, JsonElement> metadata)
    {
        _flags = flags;
        Metadata = metadata;
    }

    /// <summary>The flag-set metadata, returned with FLAG_NOT_FOUND results as flagd does.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; }

    public IEnumerable<string> Keys => _flags.Keys;

    public static CompiledFlagSet Compile(FlagSetDefinition definition, FlagEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var metadata = definition.Metadata.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.Clone(),
            StringComparer.Ordinal);
        var flags = definition.Flags.Values
            .Select(flag => CompiledFlag.Compile(flag, definition.Evaluators, definition.Metadata, options))
            .ToFrozenDictionary(flag => flag.Key, StringComparer.Ordinal);

        return new CompiledFlagSet(flags, metadata);
    }

    public bool TryGetFlag(string flagKey, out CompiledFlag flag) => _flags.TryGetValue(flagKey, out flag!);

    public FlagResolution<JsonElement> Evaluate(string flagKey, EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag) ? flag.Evaluate(context) : NotFound(flagKey, default(JsonElement));

    public FlagResolution<bool> ResolveBoolean(string flagKey, bool defaultValue, EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag)
            ? flag.ResolveBoolean(defaultValue, context)
            : NotFound(flagKey, defaultValue);

    public FlagResolution<string> ResolveString(string flagKey, string defaultValue, EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag) ? flag.ResolveString(defaultValue, context) : NotFound(flagKey, defaultValue);

    public FlagResolution<long> ResolveInteger(string flagKey, long defaultValue, EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag)
            ? flag.ResolveInteger(defaultValue, context)
            : NotFound(flagKey, defaultValue);

    public FlagResolution<double> ResolveDouble(string flagKey, double defaultValue, EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag) ? flag.ResolveDouble(defaultValue, context) : NotFound(flagKey, defaultValue);

    public FlagResolution<JsonElement> ResolveObject(string flagKey, JsonElement defaultValue,
        EvaluationContext? context) =>
        TryGetFlag(flagKey, out var flag) ? flag.ResolveObject(defaultValue, context) : NotFound(flagKey, defaultValue);

    /// <summary>
    /// Evaluates every enabled flag, as flagd's bulk evaluation does. Disabled flags and flags
    /// that defer to the caller's default are left out, but failed evaluations are included.
    /// </summary>
    public IReadOnlyList<FlagResolution<JsonElement>> EvaluateAll(EvaluationContext? context)
    {
        var results = new List<FlagResolution<JsonElement>>(_flags.Count);
        foreach (var flag in _flags.Values)
        {
            if (flag.State == FlagState.Disabled)
            {
                continue;
            }

            var result = flag.Evaluate(context);
            if (result.Variant is not null || result.IsError)
            {
                results.Add(result);
            }
        }

        return results;
    }

    private FlagResolution<T> NotFound<T>(string? flagKey, T defaultValue) =>
        new(flagKey ?? "", defaultValue, null, FlagReason.Error, FlagErrorCode.FlagNotFound,
            $"The flag '{flagKey}' was not found.", Metadata);
}
