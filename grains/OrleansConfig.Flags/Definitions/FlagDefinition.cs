using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>One flag of a flagd flag-definition file, as written (<c>$ref</c> left unresolved).</summary>
public sealed class FlagDefinition
{
    public required string Key { get; init; }

    public required FlagState State { get; init; }

    /// <summary>The variants by name, in the order of the file.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Variants { get; init; }

    /// <summary>The default variant's name, or null to fall back to the caller's default value.</summary>
    public string? DefaultVariant { get; init; }

    /// <summary>True when the file contains <c>"defaultVariant": null</c> rather than leaving the member out.</summary>
    public bool HasExplicitNullDefaultVariant { get; init; }

    /// <summary>The targeting rule as JsonLogic, or null when the flag has none.</summary>
    public JsonElement? Targeting { get; init; }

    /// <summary>The flag's own metadata, in the order of the file.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = EmptyProperties;

    /// <summary>Other members of the flag object, such as <c>description</c>, kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = EmptyProperties;

    internal static IReadOnlyDictionary<string, JsonElement> EmptyProperties { get; } =
        new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}
