using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Drift;

/// <summary>The configuration keys, flags and secrets of one environment, read one kind after another.</summary>
public sealed record EnvironmentItemsSet(
    string Environment, long Revision, IReadOnlyDictionary<ChangeKind, IReadOnlyList<SnapshotEntry>> Items)
{
    public IEnumerable<ItemSide> Sides(ChangeKind kind) => EnvironmentDiff.Sides(Items[kind]);
}

/// <summary>Reads every kind of item of an environment at one revision.</summary>
public static class EnvironmentItemsReader
{
    private static readonly ChangeKind[] Kinds = [ChangeKind.Config, ChangeKind.Flag, ChangeKind.Secret];

    /// <summary>
    /// Reads the items of <paramref name="env"/>, again when a change lands between two reads, so that all kinds
    /// are of one revision; returns null when the environment does not exist.
    /// </summary>
    public static async Task<EnvironmentItemsSet?> ReadAsync(IGrainFactory grains, string ns, string env)
    {
        var grain = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        for (var attempt = 1; ; attempt++)
        {
            var items = new Dictionary<ChangeKind, IReadOnlyList<SnapshotEntry>>();
            var revisions = new HashSet<long>();
            foreach (var kind in Kinds)
            {
                var read = await grain.GetItems(kind, -2);
                if (read.Revision < 0)
                {
                    return null;
                }

                revisions.Add(read.Revision);
                items[kind] = read.Entries ?? [];
            }

            if (revisions.Count == 1 || attempt == 3)
            {
                items[ChangeKind.Secret] = await WithFingerprints(grains, ns, env, items[ChangeKind.Secret]);

                return new EnvironmentItemsSet(env, revisions.Max(), items);
            }
        }
    }

    /// <summary>
    /// Replaces each listed secret's value with <c>{"fingerprint": "…"}</c>, the keyed fingerprint of its current
    /// version read from its grain, so that secrets compare by fingerprint and never by value.
    /// </summary>
    private static async Task<IReadOnlyList<SnapshotEntry>> WithFingerprints(
        IGrainFactory grains, string ns, string env, IReadOnlyList<SnapshotEntry> secrets)
    {
        var reads = secrets.Select(entry => grains.GetGrain<ISecretGrain>(GrainKeys.Secret(ns, env, entry.Key)).Get());
        var results = await Task.WhenAll(reads);

        return secrets.Select((entry, i) => results[i].Secret?.Current.Fingerprint is { } fingerprint
                ? entry with { Value = System.Text.Json.JsonSerializer.Serialize(new { fingerprint }) }
                : entry)
            .ToArray();
    }
}
