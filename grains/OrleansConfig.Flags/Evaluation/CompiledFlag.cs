using System.Collections.Frozen;
using System.Text.Json;
using OrleansConfig.Flags.Logic;

namespace OrleansConfig.Flags;

/// <summary>
/// A flag compiled for evaluation: immutable and safe to use from many threads. Its resolve
/// methods report failures in the result instead of throwing; only OutOfMemoryException escapes.
/// </summary>
public sealed partial class CompiledFlag
{
    private readonly FrozenDictionary<string, CompiledVariant> _variants;
    private readonly CompiledVariant? _defaultVariant;
    private readonly LogicNode? _targeting;
    private readonly string? _targetingError;
    private readonly bool _readsFlagdProperties;
    private readonly bool _readsTimestamp;
    private readonly TimeProvider _timeProvider;

    private CompiledFlag(
        FlagDefinition definition,
        IReadOnlyDictionary<string, JsonElement> evaluators,
        IReadOnlyDictionary<string, JsonElement> metadata,
        TimeProvider timeProvider)
    {
        Key = definition.Key;
        State = definition.State;
        Metadata = metadata;
        _timeProvider = timeProvider;
        _variants = definition.Variants
            .ToFrozenDictionary(pair => pair.Key, pair => new CompiledVariant(pair.Key, pair.Value.Clone()),
                StringComparer.Ordinal);
        _defaultVariant = definition.DefaultVariant is { } name ? _variants.GetValueOrDefault(name) : null;
        if (definition.Targeting is { } rule && HasTargeting(rule))
        {
            (_targeting, _targetingError, _readsFlagdProperties) = CompileTargeting(rule, evaluators);
            _readsTimestamp = _readsFlagdProperties && _targeting is not null
                && LogicCompiler.MayReadTimestamp(RefResolver.Resolve(rule, evaluators, out _));
        }
    }

    public string Key { get; }

    public FlagState State { get; }

    /// <summary>The flag-set metadata overridden by the flag's own metadata, as flagd returns it.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; }

    /// <summary>
    /// True when the targeting rule may read <c>$flagd.timestamp</c>, so that its result can change with
    /// time alone. A rule that reads only <c>$flagd.flagKey</c> does not.
    /// </summary>
    public bool MayReadTimestamp => _readsTimestamp;

    /// <summary>
    /// Compiles one flag. A definition whose default variant is not a variant compiles, and
    /// its evaluations that reach the default fail with GENERAL; check the definition with
    /// <see cref="FlagdReader"/> first to reject it instead.
    /// </summary>
    public static CompiledFlag Compile(
        FlagDefinition definition,
        IReadOnlyDictionary<string, JsonElement>? evaluators = null,
        IReadOnlyDictionary<string, JsonElement>? flagSetMetadata = null,
        FlagEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in (flagSetMetadata ?? FlagDefinition.EmptyProperties).Concat(definition.Metadata))
        {
            metadata[name] = value.Clone();
        }

        return new CompiledFlag(
            definition,
            evaluators ?? FlagDefinition.EmptyProperties,
            metadata.ToFrozenDictionary(StringComparer.Ordinal),
            (options ?? new FlagEvaluationOptions()).TimeProvider);
    }

    // flagd-core skips targeting that is null, {} or another value without members.
    private static bool HasTargeting(JsonElement rule) => rule.ValueKind switch
    {
        JsonValueKind.Object => rule.EnumerateObject().Any(),
        JsonValueKind.Array => rule.GetArrayLength() > 0,
        JsonValueKind.String => rule.GetString()!.Length > 0,
        _ => false,
    };

    private static (LogicNode? Node, string? Error, bool ReadsFlagd) CompileTargeting(
        JsonElement rule, IReadOnlyDictionary<string, JsonElement> evaluators)
    {
        var resolved = RefResolver.Resolve(rule, evaluators, out var refError);
        if (refError is not null)
        {
            return (null, refError, false);
        }

        try
        {
            return (LogicCompiler.Compile(resolved), null, LogicCompiler.MayReadFlagdProperties(resolved));
        }
        catch (LogicCompileException exception)
        {
            return (null, $"Invalid targeting rule at {exception.Path}: {exception.Message}", false);
        }
    }
}
