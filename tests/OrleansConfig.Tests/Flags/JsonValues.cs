using System.Text.Json;

namespace OrleansConfig.Tests.Flags;

/// <summary>Deep equality of JSON values, numbers compared as the doubles JavaScript stores.</summary>
internal static class JsonValues
{
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        return left.ValueKind switch
        {
            JsonValueKind.Number => left.GetDouble() == right.GetDouble(),
            JsonValueKind.String => left.GetString() == right.GetString(),
            JsonValueKind.Array => left.GetArrayLength() == right.GetArrayLength()
                && left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => AreEqual(pair.First, pair.Second)),
            JsonValueKind.Object => ObjectsEqual(left, right),
            _ => true,
        };
    }

    private static bool ObjectsEqual(JsonElement left, JsonElement right)
    {
        var rightMembers = right.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var leftCount = 0;
        foreach (var property in left.EnumerateObject())
        {
            leftCount++;
            if (!rightMembers.TryGetValue(property.Name, out var other) || !AreEqual(property.Value, other))
            {
                return false;
            }
        }

        return leftCount == rightMembers.Count;
    }
}
