namespace OrleansConfig.Configuration;

/// <summary>
/// Preconditions of a write, as HTTP's If-Match and If-None-Match state them.
/// <see cref="IfMatchVersion"/> fails the write unless the current version is that number,
/// <see cref="IfMatchAny"/> fails it unless the key exists, and <see cref="IfNoneMatchAny"/> fails it
/// when the key exists.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.write-conditions")]
public sealed record WriteConditions(
    [property: Id(0)] int? IfMatchVersion = null,
    [property: Id(1)] bool IfNoneMatchAny = false,
    [property: Id(2)] bool IfMatchAny = false)
{
    public static readonly WriteConditions None = new();
}

/// <summary>Sets a key to a JSON value. <see cref="Key"/> keeps the case the caller wrote.</summary>
[GenerateSerializer, Immutable, Alias("oc.config-put")]
public sealed record ConfigPut(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value,
    [property: Id(2)] string Author,
    [property: Id(3)] string? Comment,
    [property: Id(4)] WriteConditions Conditions);

[GenerateSerializer, Immutable, Alias("oc.config-delete")]
public sealed record ConfigDelete(
    [property: Id(0)] string Author,
    [property: Id(1)] string? Comment,
    [property: Id(2)] WriteConditions Conditions);

/// <summary>Writes a new version whose value is that of <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("oc.config-rollback")]
public sealed record ConfigRollback(
    [property: Id(0)] int Version,
    [property: Id(1)] string Author,
    [property: Id(2)] string? Comment,
    [property: Id(3)] WriteConditions Conditions);
