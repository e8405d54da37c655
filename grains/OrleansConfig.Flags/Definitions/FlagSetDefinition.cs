using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>A whole flagd flag-definition file: flags, shared evaluators and flag-set metadata.</summary>
public sealed class FlagSetDefinition
{
    /// <summary>The <c>$schema</c> member, or null when absent.</summary>
    public string? Schema { get; init; }

    /// <summary>The flags by key, in the order of the file.</summary>
    public required IReadOnlyDictionary<string, FlagDefinition> Flags { get; init; }

    /// <summary>The <c>$evaluators</c>: shared targeting rules that <c>{"$ref": "name"}</c> inserts.</summary>
    public IReadOnlyDictionary<string, JsonElement> Evaluators { get; init; } = FlagDefinition.EmptyProperties;

    /// <summary>Flag-set metadata; a flag's own metadata overrides it member by member.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = FlagDefinition.EmptyProperties;

    /// <summary>Other top-level members, kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } =
        FlagDefinition.EmptyProperties;
}
