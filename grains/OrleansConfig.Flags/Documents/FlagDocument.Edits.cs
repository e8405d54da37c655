using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansConfig.Flags;

public sealed partial class FlagDocument
{
    /// <summary>Returns a copy with <c>state</c> set.</summary>
    public FlagDocument WithState(FlagState state) => With(new FlagDefinition
    {
        Key = Flag.Key,
        State = state,
        Variants = Flag.Variants,
        DefaultVariant = Flag.DefaultVariant,
        HasExplicitNullDefaultVariant = Flag.HasExplicitNullDefaultVariant,
        Targeting = Flag.Targeting,
        Metadata = Flag.Metadata,
        AdditionalProperties = Flag.AdditionalProperties,
    });

    /// <summary>
    /// Returns a copy whose <c>defaultVariant</c> is <paramref name="variant"/>, or null with a problem when
    /// the flag has no such variant.
    /// </summary>
    public FlagDocument? WithDefaultVariant(string variant, out string? problem)
    {
        if (!Flag.Variants.ContainsKey(variant))
        {
            problem = $"The flag has no variant '{variant}'; its variants are {FlagReader.Names(Flag.Variants)}.";

            return null;
        }

        problem = null;

        return With(new FlagDefinition
        {
            Key = Flag.Key,
            State = Flag.State,
            Variants = Flag.Variants,
            DefaultVariant = variant,
            Targeting = Flag.Targeting,
            Metadata = Flag.Metadata,
            AdditionalProperties = Flag.AdditionalProperties,
        });
    }

    /// <summary>
    /// Returns a copy whose one <c>fractional</c> rule has the weights <paramref name="weights"/> by variant, or
    /// null with a problem when the flag has no such rule, more than one, or the weights do not name exactly
    /// the rule's variants with whole non-negative numbers.
    /// </summary>
    public FlagDocument? WithRolloutWeights(IReadOnlyDictionary<string, int> weights, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (Flag.Targeting is not { } targeting)
        {
            problem = "The flag has no targeting rule, so it has no fractional rollout to change.";

            return null;
        }

        var root = JsonNode.Parse(targeting.GetRawText(), documentOptions: new() { MaxDepth = FlagdReader.MaxDepth })!;
        var rules = new List<JsonArray>();
        FindFractional(root, rules);
        if (rules.Count != 1)
        {
            problem = rules.Count == 0
                ? "The flag's targeting has no 'fractional' rule, so it has no rollout weights to change."
                : $"The flag's targeting has {rules.Count} 'fractional' rules; a scheduled weight change needs "
                    + "exactly one. Change the targeting with PUT instead.";

            return null;
        }

        problem = CheckWeights(rules[0], weights);
        if (problem is not null)
        {
            return null;
        }

        foreach (var bucket in rules[0].OfType<JsonArray>())
        {
            bucket[1] = weights[bucket[0]!.GetValue<string>()];
        }

        using var edited = JsonDocument.Parse(root.ToJsonString(),
            new JsonDocumentOptions { MaxDepth = FlagdReader.MaxDepth });

        return With(Copy(Flag, edited.RootElement.Clone(), Flag.Metadata));
    }

    private static string? CheckWeights(JsonArray rule, IReadOnlyDictionary<string, int> weights)
    {
        var variants = rule.OfType<JsonArray>()
            .Select(bucket => bucket.Count > 0 && bucket[0] is JsonValue name && name.TryGetValue<string>(out var text)
                ? text
                : null)
            .ToList();
        if (variants.Contains(null))
        {
            return "The fractional rule has a bucket whose variant is not a plain string; change it with PUT instead.";
        }

        var named = string.Join(", ", variants.Select(v => $"'{v}'"));
        var unknown = weights.Keys.Where(v => !variants.Contains(v)).ToList();
        if (unknown.Count > 0)
        {
            return $"The weights name {string.Join(", ", unknown.Select(v => $"'{v}'"))}, which the fractional rule "
                + $"does not split to; its variants are {named}.";
        }

        var missing = variants.Where(v => !weights.ContainsKey(v!)).ToList();
        if (missing.Count > 0)
        {
            return $"The weights lack {string.Join(", ", missing.Select(v => $"'{v}'"))}; give a weight for every "
                + $"variant of the fractional rule ({named}).";
        }

        if (weights.FirstOrDefault(pair => pair.Value < 0) is { Key: not null } negative)
        {
            return $"The weight of '{negative.Key}' is {negative.Value}; weights are whole numbers of 0 or more.";
        }

        return weights.Values.Sum(w => (long)w) == 0
            ? "Every weight is 0; at least one variant needs a weight above 0."
            : null;
    }

    private static void FindFractional(JsonNode? node, List<JsonArray> rules)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "fractional" && value is JsonArray rule)
                    {
                        rules.Add(rule);
                    }

                    FindFractional(value, rules);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    FindFractional(item, rules);
                }

                break;
        }
    }
}
