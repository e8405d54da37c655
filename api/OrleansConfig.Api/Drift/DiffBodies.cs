using OrleansConfig.Api.Http;
using OrleansConfig.Drift;

namespace OrleansConfig.Api.Drift;

/// <summary>An item on one side of a diff: its value as stored (null for a secret) and version.</summary>
public sealed record DiffItemBody(string Key, RawJson? Value, int Version, string? Fingerprint = null);

/// <summary>A key present on both sides whose values differ.</summary>
public sealed record DiffChangeBody(string Key, DiffItemBody From, DiffItemBody To, IReadOnlyList<string> Changed);

/// <summary>The diff of one kind of item. <c>comparedBy</c> is set for secrets only.</summary>
public sealed record KindDiffBody(
    IReadOnlyList<DiffItemBody> OnlyInFrom,
    IReadOnlyList<DiffItemBody> OnlyInTo,
    IReadOnlyList<DiffChangeBody> Different,
    int Same,
    string? ComparedBy = null)
{
    /// <summary>Writes a diff with values, for configuration and flags.</summary>
    public static KindDiffBody WithValues(KindDiff diff) => new(
        diff.OnlyInFrom.Select(Item).ToArray(), diff.OnlyInTo.Select(Item).ToArray(),
        diff.Different.Select(d => new DiffChangeBody(d.Key, Item(d.From), Item(d.To), d.ChangedMembers)).ToArray(),
        diff.Same);

    /// <summary>Writes a diff of secrets: names, versions and fingerprints, never values.</summary>
    public static KindDiffBody WithoutValues(KindDiff diff, string comparedBy) => new(
        diff.OnlyInFrom.Select(Secret).ToArray(), diff.OnlyInTo.Select(Secret).ToArray(),
        diff.Different.Select(d => new DiffChangeBody(d.Key, Secret(d.From), Secret(d.To), [])).ToArray(),
        diff.Same, comparedBy);

    private static DiffItemBody Item(ItemSide side) => new(side.Key, new RawJson(side.Value), side.Version);

    private static DiffItemBody Secret(ItemSide side) =>
        new(side.Key, null, side.Version, SecretComparison.FingerprintOf(side.Value));
}

/// <summary>One environment of a diff at the revision it was read.</summary>
public sealed record DiffSideBody(string Environment, long Revision);

/// <summary>The differences between two environments of a namespace.</summary>
public sealed record EnvironmentDiffBody(
    string Namespace,
    DiffSideBody From,
    DiffSideBody To,
    bool Identical,
    KindDiffBody Configs,
    KindDiffBody Flags,
    KindDiffBody Secrets);
