using System.Collections.Concurrent;

namespace OrleansConfig.Api.Configuration;

/// <summary>
/// The last snapshot JSON this api process served per environment and prefix. The environment
/// grain sends the bytes only when its revision differs from the cached one, so an unchanged
/// environment costs a small grain call instead of copying every key across processes.
/// </summary>
public sealed class SnapshotCache
{
    /// <summary>Maximum cached snapshots; past it the cache starts over, which costs one full read each.</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(string Ns, string Env, string Prefix), Entry> _entries = new();

    public Entry? Get(string ns, string env, string? prefix) =>
        _entries.TryGetValue((ns, env, prefix ?? ""), out var entry) ? entry : null;

    public void Set(string ns, string env, string? prefix, Entry entry)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[(ns, env, prefix ?? "")] = entry;
    }

    public sealed record Entry(long Revision, byte[] ConfigsJson);
}
