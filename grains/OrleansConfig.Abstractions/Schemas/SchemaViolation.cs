namespace OrleansConfig.Schemas;

/// <summary>
/// One way a value fails a schema. <see cref="Path"/> is the JSONPath of the failing part of the value
/// (<c>$</c> for the whole value, <c>$.port</c>, <c>$.hosts[2]</c>), <see cref="Rule"/> the schema keyword that
/// failed (<c>type</c>, <c>minimum</c>, <c>required</c> …) and <see cref="SchemaPath"/> where that keyword sits
/// in the schema, as a JSON Pointer. <see cref="Value"/> is the failing part as JSON text, cut to
/// <see cref="SchemaViolations.MaxValueLength"/> characters, and null for a secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.schema-violation")]
public sealed record SchemaViolation(
    [property: Id(0)] string Key,
    [property: Id(1)] string Path,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Message,
    [property: Id(4)] string? Value,
    [property: Id(5)] string SchemaKey,
    [property: Id(6)] string? SchemaEnvironment,
    [property: Id(7)] int SchemaVersion,
    [property: Id(8)] string SchemaPath);

/// <summary>Text of violation lists for messages.</summary>
public static class SchemaViolations
{
    /// <summary>The most characters of an offending value a violation quotes.</summary>
    public const int MaxValueLength = 200;

    /// <summary>Returns one line per violation, at most <paramref name="limit"/> of them.</summary>
    public static string Describe(IReadOnlyList<SchemaViolation> violations, int limit = 3)
    {
        var lines = violations.Take(limit).Select(v =>
            $"'{v.Key}' at {v.Path}: {v.Rule}: {v.Message}"
            + $" (schema '{v.SchemaKey}'{(v.SchemaEnvironment is null ? "" : $" of {v.SchemaEnvironment}")}"
            + $" version {v.SchemaVersion})");
        var more = violations.Count > limit ? $"; and {violations.Count - limit} more" : "";

        return string.Join("; ", lines) + more;
    }
}
