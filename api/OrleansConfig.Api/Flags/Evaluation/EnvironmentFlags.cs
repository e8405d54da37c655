using System.Collections.Frozen;
using System.Text.Json;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Evaluation;

/// <summary>
/// The compiled flags of one environment at one revision: immutable and safe to evaluate from many
/// threads. A change produces a new instance that recompiles only the flags it changed.
/// </summary>
public sealed class EnvironmentFlags
{
    private static readonly IReadOnlyDictionary<string, JsonElement> s_noMetadata =
        FrozenDictionary<string, JsonElement>.Empty;

    /// <summary>Every live flag, archived ones included, by normalized key.</summary>
    private readonly FrozenDictionary<string, CachedFlag> _stored;

    /// <summary>The flags that evaluate, by the exact key they were created with.</summary>
    private readonly FrozenDictionary<string, CachedFlag> _live;

    /// <summary>The flags that evaluate, ordered by key for bulk evaluation.</summary>
    private readonly CachedFlag[] _ordered;

    private EnvironmentFlags(bool exists, long revision, FrozenDictionary<string, CachedFlag> stored)
    {
        Exists = exists;
        Revision = revision;
        _stored = stored;
        _live = stored.Values.Where(flag => !flag.IsArchived)
            .ToFrozenDictionary(flag => flag.Key, StringComparer.Ordinal);
        _ordered = [.. _live.Values.OrderBy(flag => flag.Key, StringComparer.Ordinal)];
        MayReadTimestamp = _live.Values.Any(flag => flag.Compiled?.MayReadTimestamp == true);
    }

    /// <summary>False when the environment does not exist; every flag is then not found.</summary>
    public bool Exists { get; }

    /// <summary>
    /// The flag revision: the environment revision at which these flags were loaded, raised to the
    /// revision of each flag change applied since. Equal revisions of one environment mean equal flags.
    /// </summary>
    public long Revision { get; }

    /// <summary>The number of flags that evaluate (archived flags excluded).</summary>
    public int Count => _live.Count;

    /// <summary>True when some flag's rule may read <c>$flagd.timestamp</c>, so results can change with time.</summary>
    public bool MayReadTimestamp { get; }

    internal static EnvironmentFlags Missing { get; } =
        new(false, -1, FrozenDictionary<string, CachedFlag>.Empty);

    /// <summary>
    /// Compiles the flags that <see cref="IEnvironmentGrain.GetItems"/> returned, reusing the flags of
    /// <paramref name="previous"/> whose version did not change.
    /// </summary>
    internal static EnvironmentFlags Load(EnvironmentItems items, EnvironmentFlags? previous,
        FlagEvaluationOptions options)
    {
        if (items.Revision < 0 || items.Entries is null)
        {
            return Missing;
        }

        var stored = new Dictionary<string, CachedFlag>(StringComparer.Ordinal);
        foreach (var entry in items.Entries)
        {
            var normalized = FlagKeyRules.Normalize(entry.Key);
            stored[normalized] = previous?._stored.GetValueOrDefault(normalized) is { } known
                && known.Version == entry.Version && known.Key == entry.Key
                    ? known
                    : CachedFlag.Compile(entry.Key, entry.Version, entry.Value, options);
        }

        return new(true, items.Revision, stored.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Applies flag change events, oldest first, and returns the flags at their last revision.</summary>
    internal EnvironmentFlags Apply(IReadOnlyList<ChangeEvent> changes, FlagEvaluationOptions options)
    {
        var stored = new Dictionary<string, CachedFlag>(_stored, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var normalized = FlagKeyRules.Normalize(change.Key);
            if (change.Deleted || change.Value is null)
            {
                stored.Remove(normalized);
            }
            else
            {
                stored[normalized] = CachedFlag.Compile(change.Key, change.Version, change.Value, options);
            }
        }

        return new(true, changes[^1].Revision, stored.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Resolves one flag without a type, as an OFREP single evaluation does. An unknown or archived
    /// key resolves with FLAG_NOT_FOUND. Failures are results: only null arguments and
    /// OutOfMemoryException throw.
    /// </summary>
    public FlagResolution<JsonElement> Evaluate(string flagKey, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(context);

        return _live.TryGetValue(flagKey, out var flag) ? Guard(flag, context) : NotFound(flagKey);
    }

    /// <summary>
    /// Evaluates every enabled flag, as flagd's bulk evaluation does: disabled flags and flags that
    /// defer to the caller's default are left out, failed evaluations are included. Ordered by key.
    /// </summary>
    public IReadOnlyList<FlagResolution<JsonElement>> EvaluateAll(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<FlagResolution<JsonElement>>(_live.Count);
        foreach (var flag in _ordered)
        {
            if (flag.Compiled?.State == FlagState.Disabled)
            {
                continue;
            }

            var result = Guard(flag, context);
            if (result.Variant is not null || result.IsError)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>The stored flag of a key in any case, archived or not, or null.</summary>
    internal CachedFlag? StoredFlag(string flagKey) => _stored.GetValueOrDefault(FlagKeyRules.Normalize(flagKey));

    internal static FlagResolution<JsonElement> NotFound(string flagKey) =>
        new(flagKey, default, null, FlagReason.Error, FlagErrorCode.FlagNotFound,
            $"The flag '{flagKey}' was not found.", s_noMetadata);

    private static FlagResolution<JsonElement> Guard(CachedFlag flag, EvaluationContext context)
    {
        try
        {
            return flag.Evaluate(context);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The engine reports failures as results; this only keeps a defect in it from reaching the caller.
            return new(flag.Key, default, null, FlagReason.Error, FlagErrorCode.General,
                $"The flag '{flag.Key}' failed to evaluate: {exception.Message}", s_noMetadata);
        }
    }
}
