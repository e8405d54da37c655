using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Configuration;

/// <summary>One version of a key as the api returns it. <c>value</c> is null for a deletion.</summary>
public sealed record ConfigVersionBody(
    int Version,
    RawJson? Value,
    bool Deleted,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom)
{
    public static ConfigVersionBody From(ConfigVersion version) => new(version.Version,
        version.Value is null ? null : new RawJson(version.Value), version.IsDeleted, version.UpdatedAt,
        version.Author, version.Comment, version.RolledBackFrom);
}

public sealed record ConfigBody(
    string Namespace,
    string Environment,
    string Key,
    RawJson? Value,
    int Version,
    DateTimeOffset UpdatedAt,
    string Author,
    string? Comment,
    int? RolledBackFrom,
    bool Changed);

public sealed record ConfigHistoryBody(string Key, IReadOnlyList<ConfigVersionBody> Versions, int? NextBefore);

public sealed record ImportBody(int Created, int Updated, int Unchanged, long Revision);
