using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace OrleansConfig.Schemas;

/// <summary>
/// Compiles JSON Schemas (draft 2020-12) with JsonSchema.Net and checks values against them. One instance per
/// silo caches compiled schemas by their text, so key grains that share a schema compile it once. Schemas
/// never load anything from the network: a <c>$ref</c> that points outside the schema is a compile error.
/// </summary>
public sealed class SchemaCompiler
{
    /// <summary>The cache is emptied at this many schemas, which only churning schemas reach.</summary>
    private const int MaxCached = 4096;

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
        Culture = CultureInfo.InvariantCulture,
    };

    private readonly ConcurrentDictionary<string, JsonSchema> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles <paramref name="text"/>; returns the problem when it is not a draft 2020-12 JSON Schema.
    /// </summary>
    public static (JsonSchema? Schema, string? Problem) TryCompile(string text)
    {
        try
        {
            using (var document = JsonDocument.Parse(text))
            {
                var problem = CheckShape(document.RootElement);
                if (problem is not null)
                {
                    return (null, problem);
                }
            }

            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };

            return (JsonSchema.FromText(text, options), null);
        }
        catch (JsonException exception)
        {
            var syntax = OrleansConfig.Flags.JsonInput.DescribeSyntaxError(exception);

            return (null, "The schema is not valid JSON" + syntax);
        }
        catch (Exception exception) when (exception is JsonSchemaException or ArgumentException
            or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return (null, $"The schema is not a valid JSON Schema (draft 2020-12): {exception.Message}");
        }
    }

    /// <summary>
    /// Checks <paramref name="value"/> against <paramref name="schemas"/>; <paramref name="redactValues"/> leaves
    /// the offending values out, for secrets.
    /// </summary>
    public IReadOnlyList<SchemaViolation> Validate(
        string key, string value, IReadOnlyList<SchemaDocument> schemas, bool redactValues = false)
    {
        if (schemas.Count == 0)
        {
            return [];
        }

        using var document = JsonDocument.Parse(value);
        var violations = new List<SchemaViolation>();
        foreach (var schema in schemas)
        {
            var compiled = Compile(schema.Schema);
            if (compiled is null)
            {
                violations.Add(new SchemaViolation(key, "$", "$schema",
                    "The schema attached to this key cannot be compiled; attach a valid one.", null, schema.Key,
                    schema.Environment, schema.Version, ""));
                continue;
            }

            EvaluationResults results;
            try
            {
                results = compiled.Evaluate(document.RootElement, Evaluation);
            }
            catch (JsonSchemaException exception)
            {
                violations.Add(new SchemaViolation(key, "$", "$ref",
                    $"The schema cannot be evaluated: {exception.Message}", null, schema.Key, schema.Environment,
                    schema.Version, ""));
                continue;
            }

            if (!results.IsValid)
            {
                violations.AddRange(Collect(key, document.RootElement, results, schema, redactValues));
            }
        }

        return violations;
    }

    private JsonSchema? Compile(string text)
    {
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var (schema, _) = TryCompile(text);
        if (schema is null)
        {
            return null;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(text, schema);
    }

    private static string? CheckShape(JsonElement root)
    {
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            return $"The schema is a JSON {root.ValueKind}; a JSON Schema is an object or a boolean.";
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out var dialect))
        {
            var uri = dialect.ValueKind == JsonValueKind.String ? dialect.GetString()!.TrimEnd('#') : null;
            if (uri != "https://json-schema.org/draft/2020-12/schema")
            {
                return $"The schema declares $schema {dialect.GetRawText()}; only draft 2020-12 is supported, so "
                    + "leave $schema out or set it to \"https://json-schema.org/draft/2020-12/schema\".";
            }
        }

        return FindReferenceProblem(root, root);
    }

    /// <summary>
    /// Returns why a <c>$ref</c> or <c>$dynamicRef</c> cannot be followed: it points outside the schema, or its
    /// JSON Pointer names nothing in it. Anchors (<c>#name</c>) are left to the validator.
    /// </summary>
    private static string? FindReferenceProblem(JsonElement root, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().Select(item => FindReferenceProblem(root, item))
                .FirstOrDefault(problem => problem is not null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            var isReference = property.Name is "$ref" or "$dynamicRef"
                && property.Value.ValueKind == JsonValueKind.String;
            var problem = isReference
                ? CheckReference(root, property.Value.GetString()!)
                : FindReferenceProblem(root, property.Value);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckReference(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return $"The schema refers to \"{reference}\", outside itself; schemas are never loaded from elsewhere, "
                + "so refer only within the schema, as in \"$ref\": \"#/$defs/port\".";
        }

        if (reference.Length > 1 && reference[1] != '/')
        {
            return null;
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);

        return InstancePaths.Resolve(root, pointer).Element is null
            ? $"The schema refers to \"{reference}\", which names nothing in the schema."
            : null;
    }

    private static IEnumerable<SchemaViolation> Collect(
        string key, JsonElement value, EvaluationResults results, SchemaDocument schema, bool redactValues)
    {
        var nodes = (results.Details ?? []).Prepend(results);
        var violations = new List<SchemaViolation>();
        foreach (var node in nodes.Where(n => n.Errors is { Count: > 0 }))
        {
            var (path, part) = InstancePaths.Resolve(value, node.InstanceLocation.ToString());
            var evaluationPath = node.EvaluationPath.ToString();
            foreach (var (keyword, message) in node.Errors!)
            {
                var rule = keyword.Length > 0 ? keyword : FalseSchemaRule(evaluationPath);
                var schemaPath = keyword.Length > 0 ? $"{evaluationPath}/{keyword}" : evaluationPath;
                violations.Add(new SchemaViolation(key, path, rule, message,
                    redactValues ? null : Quote(part), schema.Key, schema.Environment, schema.Version, schemaPath));
            }
        }

        return violations.OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Rule, StringComparer.Ordinal);
    }

    /// <summary>
    /// Names the rule of a <c>false</c> subschema by the keyword that holds it, such as
    /// <c>additionalProperties</c>; a <c>false</c> under <c>properties</c> is the rule <c>false</c>.
    /// </summary>
    private static string FalseSchemaRule(string evaluationPath)
    {
        var last = evaluationPath[(evaluationPath.LastIndexOf('/') + 1)..];

        return last is "additionalProperties" or "unevaluatedProperties" or "items" or "prefixItems"
            or "unevaluatedItems" or "contains" or "propertyNames" or "not" or "then" or "else"
            ? last
            : "false";
    }

    private static string? Quote(JsonElement? part)
    {
        if (part is not { } element)
        {
            return null;
        }

        var text = element.GetRawText();

        return text.Length <= SchemaViolations.MaxValueLength ? text : text[..SchemaViolations.MaxValueLength] + "…";
    }
}
