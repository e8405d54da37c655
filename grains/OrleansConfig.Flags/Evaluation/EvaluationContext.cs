using System.Collections;
using System.Globalization;
using System.Text.Json;
using OrleansConfig.Flags.Logic;

namespace OrleansConfig.Flags;

/// <summary>
/// The attributes a targeting rule reads with <c>var</c>, the targeting key among them as
/// <c>targetingKey</c>. Immutable and safe to share; build one per request and reuse it for
/// every flag.
/// </summary>
/// <remarks>
/// A missing targeting key and an empty one differ: <c>{"var": "targetingKey"}</c> is null for
/// the first and "" for the second, and a <c>fractional</c> without a bucketing value yields
/// the default variant for the first and buckets on the flag key alone for the second.
/// </remarks>
public sealed class EvaluationContext
{
    public const string TargetingKeyAttribute = "targetingKey";

    private EvaluationContext(LogicValue root, string? targetingKey, string? problem)
    {
        Root = root;
        TargetingKey = targetingKey;
        Problem = problem;
    }

    public static EvaluationContext Empty { get; } =
        new(LogicValue.FromObject(new Dictionary<string, LogicValue>(StringComparer.Ordinal)), null, null);

    /// <summary>The targeting key, or null when the context has none.</summary>
    public string? TargetingKey { get; }

    /// <summary>
    /// Why the context is invalid, or null. An invalid context resolves every flag with
    /// INVALID_CONTEXT.
    /// </summary>
    public string? Problem { get; }

    internal LogicValue Root { get; }

    /// <summary>
    /// Creates a context from a JSON object such as an OFREP request's <c>context</c>, whose
    /// <c>targetingKey</c> member, when present, must be a string. Numbers keep their exact text.
    /// </summary>
    public static EvaluationContext FromJson(JsonElement context)
    {
        if (context.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Empty;
        }

        var root = LogicValue.FromJson(context);
        if (root.Kind != LogicKind.Object)
        {
            return new(Empty.Root, null,
                $"The evaluation context is a JSON {FlagdReader.Kind(context)}; it must be an object.");
        }

        if (!root.Object.TryGetValue(TargetingKeyAttribute, out var key) || key.IsNull)
        {
            return new(root, null, null);
        }

        var keyKind = FlagdReader.Described(context.GetProperty(TargetingKeyAttribute));

        return key.IsString
            ? new(root, key.String, null)
            : new(root, null, $"The targeting key is {keyKind}; it must be a string.");
    }

    /// <summary>
    /// Creates a context from a targeting key and attributes. Attribute values may be null,
    /// bool, string, any integer or floating-point type, decimal, DateTime or DateTimeOffset
    /// (written as ISO 8601 text), JsonElement, dictionaries with string keys and sequences.
    /// </summary>
    /// <exception cref="ArgumentException">An attribute has a type not listed above.</exception>
    public static EvaluationContext Create(string? targetingKey,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        var properties = new Dictionary<string, LogicValue>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes ?? [])
        {
            properties[name] = Convert(value, name);
        }

        if (targetingKey is not null)
        {
            properties[TargetingKeyAttribute] = LogicValue.FromString(targetingKey);
        }
        else
        {
            properties.Remove(TargetingKeyAttribute);
        }

        return new(LogicValue.FromObject(properties), targetingKey, null);
    }

    private static LogicValue Convert(object? value, string name) => value switch
    {
        null => LogicValue.Null,
        bool flag => LogicValue.FromBoolean(flag),
        string text => LogicValue.FromString(text),
        long or int or short or sbyte or ulong or uint or ushort or byte or decimal =>
            LogicValue.FromNumberText(
                ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
                System.Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        double number => LogicValue.FromNumber(number),
        float number => LogicValue.FromNumber(number),
        DateTimeOffset time => LogicValue.FromString(time.ToString("O", CultureInfo.InvariantCulture)),
        DateTime time => LogicValue.FromString(time.ToString("O", CultureInfo.InvariantCulture)),
        JsonElement element => LogicValue.FromJson(element),
        IEnumerable<KeyValuePair<string, object?>> members => LogicValue.FromObject(
            members.ToDictionary(member => member.Key, member => Convert(member.Value, name), StringComparer.Ordinal)),
        IEnumerable items and not string =>
            LogicValue.FromArray(items.Cast<object?>().Select(item => Convert(item, name)).ToArray()),
        _ => throw new ArgumentException(
            $"The attribute '{name}' has type {value.GetType().Name}, which a flag context cannot hold; "
            + "pass a primitive, a dictionary, a sequence or a JsonElement.",
            nameof(value)),
    };
}
