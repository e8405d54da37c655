using System.Text.Json;
using OrleansConfig.Configuration;

namespace OrleansConfig.Drift;

/// <summary>One side of a compared item: its stored value (JSON text) and version.</summary>
public sealed record ItemSide(string Key, string Value, int Version);

/// <summary>
/// An item present on both sides with different values. <see cref="ChangedMembers"/> names the top-level
/// members that differ when both values are objects (for flags: <c>state</c>, <c>variants</c> …), else is empty.
/// </summary>
public sealed record ItemDifference(string Key, ItemSide From, ItemSide To, IReadOnlyList<string> ChangedMembers);

/// <summary>The comparison of one kind of item between two sides.</summary>
public sealed record KindDiff(
    IReadOnlyList<ItemSide> OnlyInFrom,
    IReadOnlyList<ItemSide> OnlyInTo,
    IReadOnlyList<ItemDifference> Different,
    int Same)
{
    public bool IsEmpty => OnlyInFrom.Count == 0 && OnlyInTo.Count == 0 && Different.Count == 0;
}

/// <summary>
/// Compares the items of two environments, or an environment with a desired state. Items match by key ignoring
/// case; values match when they are the same JSON (formatting and member order aside).
/// </summary>
public static class EnvironmentDiff
{
    /// <summary>Compares two lists of items; <paramref name="equal"/> decides whether two values match.</summary>
    public static KindDiff Compare(IEnumerable<ItemSide> from, IEnumerable<ItemSide> to,
        Func<string, string, bool>? equal = null)
    {
        equal ??= SameJson;
        var left = from.ToDictionary(i => ConfigKeyRules.Normalize(i.Key), StringComparer.Ordinal);
        var right = to.ToDictionary(i => ConfigKeyRules.Normalize(i.Key), StringComparer.Ordinal);
        var onlyInFrom = left.Where(p => !right.ContainsKey(p.Key)).Select(p => p.Value);
        var onlyInTo = right.Where(p => !left.ContainsKey(p.Key)).Select(p => p.Value);
        var different = new List<ItemDifference>();
        var same = 0;
        foreach (var (key, item) in left)
        {
            if (!right.TryGetValue(key, out var other))
            {
                continue;
            }

            if (equal(item.Value, other.Value))
            {
                same++;
                continue;
            }

            different.Add(new ItemDifference(item.Key, item, other, ChangedMembers(item.Value, other.Value)));
        }

        return new KindDiff(Sorted(onlyInFrom), Sorted(onlyInTo),
            different.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase).ToArray(), same);
    }

    public static IEnumerable<ItemSide> Sides(IEnumerable<SnapshotEntry> entries) =>
        entries.Select(e => new ItemSide(e.Key, e.Value, e.Version));

    // Values nest up to 128 levels and flag documents up to 256, deeper than the parser's default of 64.
    private static readonly JsonDocumentOptions DeepJson = new() { MaxDepth = 256 };

    /// <summary>Returns true when two JSON texts hold the same value.</summary>
    public static bool SameJson(string left, string right)
    {
        if (left == right)
        {
            return true;
        }

        try
        {
            using var a = JsonDocument.Parse(left, DeepJson);
            using var b = JsonDocument.Parse(right, DeepJson);

            return JsonElement.DeepEquals(a.RootElement, b.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns true when two JSON objects hold the same members apart from <paramref name="ignored"/>, such as a
    /// flag's lifecycle, which a desired state does not set.
    /// </summary>
    public static bool SameJsonExcept(string left, string right, string ignored)
    {
        try
        {
            using var a = JsonDocument.Parse(left, DeepJson);
            using var b = JsonDocument.Parse(right, DeepJson);
            if (a.RootElement.ValueKind != JsonValueKind.Object || b.RootElement.ValueKind != JsonValueKind.Object)
            {
                return JsonElement.DeepEquals(a.RootElement, b.RootElement);
            }

            var names = a.RootElement.EnumerateObject().Select(p => p.Name)
                .Union(b.RootElement.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);

            return names.Where(name => name != ignored).All(name => SameMember(a.RootElement, b.RootElement, name));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Returns the top-level members whose values differ, when both texts are JSON objects.</summary>
    public static IReadOnlyList<string> ChangedMembers(string left, string right)
    {
        try
        {
            using var a = JsonDocument.Parse(left, DeepJson);
            using var b = JsonDocument.Parse(right, DeepJson);
            if (a.RootElement.ValueKind != JsonValueKind.Object || b.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var names = a.RootElement.EnumerateObject().Select(p => p.Name)
                .Union(b.RootElement.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);

            return names.Where(name => !SameMember(a.RootElement, b.RootElement, name))
                .Order(StringComparer.Ordinal).ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool SameMember(JsonElement left, JsonElement right, string name)
    {
        var inLeft = left.TryGetProperty(name, out var a);
        var inRight = right.TryGetProperty(name, out var b);

        return inLeft == inRight && (!inLeft || JsonElement.DeepEquals(a, b));
    }

    private static ItemSide[] Sorted(IEnumerable<ItemSide> items) =>
        items.OrderBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToArray();
}
