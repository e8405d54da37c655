using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// Replaces <c>{"$ref": "name"}</c> in a targeting rule with the shared rule of that name from
/// <c>$evaluators</c>, recursively. An unknown name or a cycle is reported and left in place.
/// </summary>
internal static class RefResolver
{
    public static JsonElement Resolve(
        JsonElement rule, IReadOnlyDictionary<string, JsonElement> evaluators, out string? error)
    {
        error = null;
        if (evaluators.Count == 0 && !ContainsRef(rule))
        {
            return rule;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            string? firstError = null;
            Write(rule, evaluators, writer, [], ref firstError);
            error = firstError;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);

        return document.RootElement.Clone();
    }

    /// <summary>Returns the evaluator name when the element is exactly <c>{"$ref": "name"}</c>.</summary>
    public static string? RefName(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? name = null;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            count++;
            name = property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString() : null;
        }

        return count == 1 ? name : null;
    }

    private static bool ContainsRef(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object =>
            RefName(element) is not null || element.EnumerateObject().Any(p => ContainsRef(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsRef),
        _ => false,
    };

    private static void Write(
        JsonElement element,
        IReadOnlyDictionary<string, JsonElement> evaluators,
        Utf8JsonWriter writer,
        HashSet<string> expanding,
        ref string? error)
    {
        if (RefName(element) is { } name)
        {
            if (!evaluators.TryGetValue(name, out var shared))
            {
                error ??= $"The $ref '{name}' names no evaluator in $evaluators.";
            }
            else if (!expanding.Add(name))
            {
                error ??= $"The $ref '{name}' refers to itself through $evaluators.";
            }
            else
            {
                Write(shared, evaluators, writer, expanding, ref error);
                expanding.Remove(name);

                return;
            }
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, evaluators, writer, expanding, ref error);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, evaluators, writer, expanding, ref error);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
