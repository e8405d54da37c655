using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>Writes flags through their grains, as the flag management API does.</summary>
internal static class FlagWriter
{
    private const string Author = "ofrep tests";

    /// <summary>
    /// Writes a flag document (a flagd flag definition plus the stored extras) and asserts success; an
    /// unchanged document counts as success, so a per-test setup may write it again.
    /// </summary>
    public static async Task PutAsync(IGrainFactory grains, string ns, string env, string key, string document)
    {
        var result = await Grain(grains, ns, env, key)
            .Put(new ConfigPut(key, document, Author, null, WriteConditions.None));

        Assert.True(result.Status is ConfigStatus.Created or ConfigStatus.Updated or ConfigStatus.Unchanged,
            $"Writing flag {key} returned {result.Status}: {result.Detail}");
    }

    public static async Task DeleteAsync(IGrainFactory grains, string ns, string env, string key)
    {
        var result = await Grain(grains, ns, env, key).Delete(new ConfigDelete(Author, null, WriteConditions.None));

        Assert.True(result.Status == ConfigStatus.Deleted, $"Deleting flag {key} returned {result.Status}");
    }

    /// <summary>Moves a flag to a lifecycle state: active, stale or archived.</summary>
    public static async Task SetLifecycleAsync(IGrainFactory grains, string ns, string env, string key,
        string lifecycle)
    {
        var result = await Grain(grains, ns, env, key)
            .SetLifecycle(new FlagLifecycleChange(lifecycle, Author, null, WriteConditions.None));

        Assert.True(result.Status == ConfigStatus.Updated,
            $"Setting flag {key} to {lifecycle} returned {result.Status}: {result.Detail}");
    }

    private static IFlagGrain Grain(IGrainFactory grains, string ns, string env, string key) =>
        grains.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, env, key));
}
