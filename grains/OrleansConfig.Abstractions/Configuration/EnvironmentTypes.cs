namespace OrleansConfig.Configuration;

/// <summary>The change one key grain reports to its environment after its state is durable.</summary>
[GenerateSerializer, Immutable, Alias("oc.config-change")]
public sealed record ConfigChange(
    [property: Id(0)] string Key,
    [property: Id(1)] ConfigVersion Version);

/// <summary>A key's current version as stored in the environment snapshot.</summary>
[GenerateSerializer, Immutable, Alias("oc.snapshot-entry")]
public sealed record SnapshotEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value,
    [property: Id(2)] int Version,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] string Author);

/// <summary>
/// The keys of one environment, sorted by key (ordinal, case-insensitive), at <see cref="Revision"/>.
/// <see cref="Entries"/> is null when the environment does not exist.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.snapshot")]
public sealed record EnvironmentSnapshot(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<SnapshotEntry>? Entries);

[GenerateSerializer, Immutable, Alias("oc.environment-info")]
public sealed record EnvironmentInfo(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] long Revision,
    [property: Id(5)] int KeyCount);

/// <summary>
/// The keys of one environment as the UTF-8 JSON array the api returns, at <see cref="Revision"/>:
/// objects with <c>key</c>, <c>value</c> (as written), <c>version</c>, <c>updatedAt</c> and
/// <c>author</c>. <see cref="Revision"/> is -1 when the environment does not exist, and
/// <see cref="ConfigsJson"/> is null then or when the caller already has this revision.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.snapshot-json")]
public sealed record EnvironmentSnapshotJson(
    [property: Id(0)] long Revision,
    [property: Id(1)] byte[]? ConfigsJson);

/// <summary>
/// The live items of one kind of an environment at <see cref="Revision"/>, sorted by normalized key.
/// <see cref="Revision"/> is -1 when the environment does not exist; <see cref="Entries"/> is null then
/// or when the caller already has this revision.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.environment-items")]
public sealed record EnvironmentItems(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<SnapshotEntry>? Entries);
