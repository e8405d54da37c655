using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// Replaces <c>{"$ref": "name"}</c> in a targeting rule with the shared rule of that name from
/// <c>$evaluators</c>, recursively. An unknown name or a cycle is reported and left in place.
/// </summary>
internal static class RefResolver
{
    public static JsonElement Resolve(
        JsonElement rule, IReadOnlyDictionary<string, JsonElement> evaluators, out string? error) =>
        Resolve(rule, evaluators, out error, out _);

    /// <summary>
    /// Resolves the rule as <see cref="Resolve(JsonElement, IReadOnlyDictionary{string, JsonElement}, out string?)"/>
    /// does. <paramref name="errorPath"/> is the path of the first <c>$ref</c> that failed, relative to the rule
    /// (starting with "$"). A failure inside an evaluator is placed at the <c>$ref</c> of the rule that led to it.
    /// </summary>
    public static JsonElement Resolve(
        JsonElement rule, IReadOnlyDictionary<string, JsonElement> evaluators, out string? error,
        out string? errorPath)
    {
        error = null;
        errorPath = null;
        if (evaluators.Count == 0 && !ContainsRef(rule))
        {
            return rule;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var failure = new RefFailure();
            Write(rule, evaluators, writer, [], new RulePath(JsonPath.Root, false), failure);
            (error, errorPath) = (failure.Message, failure.Path);
        }

        // Inlined evaluators add their own depth; the writer allows 1000 levels, so the parser does too.
        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 1000 });

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
        RulePath path,
        RefFailure failure)
    {
        if (RefName(element) is { } name)
        {
            if (!evaluators.TryGetValue(name, out var shared))
            {
                failure.Report(path.Text, $"The $ref '{name}' names no evaluator in $evaluators.");
            }
            else if (!expanding.Add(name))
            {
                failure.Report(path.Text, $"The $ref '{name}' refers to itself through $evaluators.");
            }
            else
            {
                // Paths inside the evaluator are not paths of this rule, so failures there stay at this $ref.
                Write(shared, evaluators, writer, expanding, path with { InEvaluator = true }, failure);
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
                    Write(property.Value, evaluators, writer, expanding, path.Member(property.Name), failure);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, evaluators, writer, expanding, path.Index(index++), failure);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The path of an element within the rule, which inside an evaluator stays at the <c>$ref</c>.</summary>
    private readonly record struct RulePath(string Text, bool InEvaluator)
    {
        public RulePath Member(string name) => InEvaluator ? this : this with { Text = JsonPath.Member(Text, name) };

        public RulePath Index(int index) => InEvaluator ? this : this with { Text = JsonPath.Index(Text, index) };
    }

    /// <summary>The first failed <c>$ref</c>: its message and its path within the rule.</summary>
    private sealed class RefFailure
    {
        public string? Message { get; private set; }

        public string? Path { get; private set; }

        public void Report(string path, string message)
        {
            if (Message is null)
            {
                (Message, Path) = (message, path);
            }
        }
    }
}
