using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// The outcome of resolving a flag: the value, the variant it came from, the reason and, on
/// failure, an error code and message. On failure and where the flag defers to the caller,
/// <see cref="Value"/> is the caller's default and <see cref="Variant"/> is null.
/// </summary>
/// <param name="Metadata">The flag-set metadata overridden by the flag's own metadata.</param>
public readonly record struct FlagResolution<T>(
    string FlagKey,
    T Value,
    string? Variant,
    string Reason,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyDictionary<string, JsonElement> Metadata)
{
    public bool IsError => ErrorCode is not null;
}
