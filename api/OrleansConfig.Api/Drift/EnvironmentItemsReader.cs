using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;

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
                return new EnvironmentItemsSet(env, revisions.Max(), items);
            }
        }
    }
}
