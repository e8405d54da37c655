using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Changes;

/// <summary>Checks shared by the watch tests.</summary>
internal static class WatchStreams
{
    public static async Task<long> RevisionAsync(ApiScope scope)
    {
        using var response = await scope.Http.GetAsync(scope.EnvironmentPath);
        response.EnsureSuccessStatusCode();
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        return body.GetProperty("revision").GetInt64();
    }

    /// <summary>Asserts that the recorder received exactly revisions first..last, in order, each once.</summary>
    public static void AssertExactlyOnceInOrder(SseRecorder recorder, long first, long last, string name)
    {
        var revisions = recorder.ChangeRevisions;
        var expected = Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToArray();
        var missing = expected.Except(revisions).Take(10).ToArray();
        var repeated = revisions.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToArray();
        Assert.True(revisions.SequenceEqual(expected),
            $"{name}: received {revisions.Count} events, expected {expected.Length} ({first}..{last}); "
            + $"missing [{string.Join(", ", missing)}], repeated [{string.Join(", ", repeated)}]");
    }
}
