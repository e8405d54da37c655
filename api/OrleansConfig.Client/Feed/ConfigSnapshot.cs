namespace OrleansConfig.Client.Feed;

/// <summary>
/// The keys of an environment at <see cref="Revision"/>, as the platform or the cache file provides them.
/// </summary>
internal sealed record ConfigSnapshot(long Revision, IReadOnlyList<ConfigSnapshotEntry> Entries);

/// <summary>A key's current version: its value as the JSON text the platform stores.</summary>
internal sealed record ConfigSnapshotEntry(string Key, string ValueJson, int Version);
