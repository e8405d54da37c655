using System.Text.Json.Serialization;

namespace OrleansConfig.Configuration;

/// <summary>
/// One version of a configuration key. <see cref="Value"/> is the JSON text exactly as written, or
/// null for a tombstone, the version that records a deletion. Flags and secrets keep their versions in
/// this shape too; <see cref="Action"/> names a version that is more than a new value (see
/// <see cref="Changes.ChangeEvent.Action"/>). <see cref="ChangeSet"/> names the change set that wrote the version,
/// so that applying the change set again finds it.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.config-version")]
public sealed record ConfigVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string? Value,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] string Author,
    [property: Id(4)] string? Comment,
    [property: Id(5)] int? RolledBackFrom,
    [property: Id(6)] string? Action = null,
    [property: Id(7)] string? ChangeSet = null)
{
    [JsonIgnore]
    public bool IsDeleted => Value is null;
}
