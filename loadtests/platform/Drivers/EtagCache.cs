using System.Collections.Concurrent;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>The last ETag the run saw per path, for revalidation with <c>If-None-Match</c>.</summary>
public sealed class EtagCache
{
    private static readonly (string Name, string Value)[] NoHeaders = [];

    private readonly ConcurrentDictionary<string, string> _etags = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns an <c>If-None-Match</c> header when <paramref name="revalidate"/> and an ETag is known.
    /// </summary>
    public (string Name, string Value)[] Condition(string path, bool revalidate) =>
        revalidate && _etags.TryGetValue(path, out var etag) ? [("If-None-Match", etag)] : NoHeaders;

    public void Store(string path, string? etag)
    {
        if (etag is not null)
        {
            _etags[path] = etag;
        }
    }
}
