using System.Collections.Concurrent;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>
/// What the writers know of each key: its last version (from the ETag of their own writes) and whether a
/// write to it is in flight. A key is written by one request at a time, so that <c>If-Match</c> never
/// fails on the run's own concurrent writes.
/// </summary>
public sealed class KeyVersions
{
    private readonly ConcurrentDictionary<string, int> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _busy = new(StringComparer.Ordinal);

    /// <summary>Attempts to find a seeded key that no other write has claimed before the request fails.</summary>
    private const int ClaimAttempts = 8;

    /// <summary>Claims the key for one write; returns false when another write holds it.</summary>
    public bool TryClaim(string key) => _busy.TryAdd(key, 0);

    public void Release(string key) => _busy.TryRemove(key, out _);

    public int? VersionOf(string key) => _versions.TryGetValue(key, out var version) ? version : null;

    /// <summary>Stores the version of a <c>"N"</c> ETag; other ETags are ignored.</summary>
    public void Update(string key, string? etag)
    {
        if (etag is { Length: > 2 } && int.TryParse(etag.AsSpan(1, etag.Length - 2), out var version))
        {
            _versions[key] = version;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a random seeded key that no other write has claimed, claiming it for the
    /// write's duration. <paramref name="idOf"/> names the key in the driver's terms (a path or a grain id).
    /// </summary>
    public async Task<OperationOutcome> WithClaimedKeyAsync(DatasetLayout layout, string operation,
        Func<SeededEnvironment, string, string> idOf,
        Func<SeededEnvironment, string, string, Task<OperationOutcome>> write)
    {
        ArgumentNullException.ThrowIfNull(layout);

        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var env = layout.Environments[Random.Shared.Next(layout.Environments.Count)];
            var count = layout.KeyCount(env.Index);
            if (count == 0)
            {
                continue;
            }

            var key = DatasetLayout.KeyName(Random.Shared.Next(count));
            var id = idOf(env, key);
            if (!TryClaim(id))
            {
                continue;
            }

            try
            {
                return await write(env, key, id);
            }
            finally
            {
                Release(id);
            }
        }

        return OperationOutcome.Failure(0, $"{operation} found no seeded key free of other writes");
    }
}
