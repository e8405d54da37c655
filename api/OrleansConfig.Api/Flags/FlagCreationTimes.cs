using System.Collections.Concurrent;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// The time of each flag's version 1, which a flag's age counts from. Version 1 never changes, so
/// each api process reads it from the flag grain once and keeps it.
/// </summary>
// NOTE: the environment's flag entries carry only the latest version, so a flag past version 1 costs
// one grain call per api process the first time its age matters.
public sealed class FlagCreationTimes(IGrainFactory grains)
{
    /// <summary>The maximum number of times kept. Beyond it, times are read again on each request.</summary>
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _times = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the time of version 1 of the flag whose latest version is <paramref name="version"/>,
    /// written at <paramref name="updatedAt"/>.
    /// </summary>
    public async ValueTask<DateTimeOffset> GetAsync(
        string ns, string env, string key, int version, DateTimeOffset updatedAt)
    {
        if (version == 1)
        {
            return updatedAt;
        }

        var grainKey = GrainKeys.Flag(ns, env, key);
        if (_times.TryGetValue(grainKey, out var known))
        {
            return known;
        }

        var page = await grains.GetGrain<IFlagGrain>(grainKey).GetVersions(2, 1);
        var first = page.Versions.FirstOrDefault(v => v.Version == 1)?.UpdatedAt ?? updatedAt;
        if (_times.Count < MaxEntries)
        {
            _times.TryAdd(grainKey, first);
        }

        return first;
    }
}
