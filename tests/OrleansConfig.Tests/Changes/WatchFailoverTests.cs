using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Changes;

/// <summary>
/// Two silos, four environments watched through the api, and one silo killed with SIGKILL while writers
/// run. Placement is random, so with four environments the killed silo hosts some environment, change
/// feed or stream queue in all but a tiny fraction of runs. Every watcher must still end with every
/// revision exactly once, in order.
/// </summary>
public sealed class WatchFailoverTests
{
    private const int Environments = 4;
    private const int KeysPerEnvironment = 10;

    [Fact]
    public async Task KilledSilo_WatchersMissNothing()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2, WatchClusterFixture.Settings);
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        var ns = TestServices.NewNamespace();
        await ClusterHttp.RetryUnavailableAsync(() => cluster.Http.PutAsync($"/v1/namespaces/{ns}", null));
        var scopes = new List<ApiScope>();
        var recorders = new List<(SseRecorder Recorder, ApiScope Scope, string Name)>();
        for (var e = 0; e < Environments; e++)
        {
            var scope = new ApiScope(cluster.Http, ns, $"env{e}");
            await ClusterHttp.RetryUnavailableAsync(() => cluster.Http.PutAsync(scope.EnvironmentPath, null));
            scopes.Add(scope);
            for (var r = 0; r < 2; r++)
            {
                var recorder = await SseRecorder.StartAsync(cluster.ApiAddress, cluster.AdminKey,
                    scope.EnvironmentPath + "/watch?fromRevision=0");
                recorders.Add((recorder, scope, $"env{e} watcher {r}"));
            }
        }

        try
        {
            var acknowledged = 0;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8)
                .Select(w => WriteUntilStoppedAsync(
                    scopes[w % Environments], w, () => Interlocked.Increment(ref acknowledged), stop.Token))
                .ToArray();

            await WaitForAsync(() => Volatile.Read(ref acknowledged) >= 150, TimeSpan.FromSeconds(60));
            var beforeKill = Volatile.Read(ref acknowledged);
            cluster.KillSilo(0);
            await WaitForAsync(() => Volatile.Read(ref acknowledged) >= beforeKill + 150, TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            foreach (var scope in scopes)
            {
                // Every durable version counts, acknowledged or not: the head must reach their sum.
                var expected = await ClusterHttp.SumOfVersionsAsync(scope, KeysPerEnvironment);
                await WaitForAsync(async () => await RevisionAsync(scope) == expected, TimeSpan.FromSeconds(30),
                    $"{scope.Environment}: revision did not reach the sum of versions {expected}");
                foreach (var (recorder, _, name) in recorders.Where(r => r.Scope == scope))
                {
                    await recorder.WaitForRevisionAsync(expected, TimeSpan.FromSeconds(30));
                    WatchStreams.AssertExactlyOnceInOrder(recorder, 1, expected, name);
                }
            }
        }
        finally
        {
            foreach (var (recorder, _, _) in recorders)
            {
                await recorder.DisposeAsync();
            }
        }
    }

    private static async Task WriteUntilStoppedAsync(
        ApiScope scope, int writer, Action acknowledged, CancellationToken stop)
    {
        var random = new Random(writer);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await scope.PutAsync(
                    $"Key{random.Next(KeysPerEnvironment)}", $"\"{writer}-{Guid.NewGuid():N}\"");
                if (response.IsSuccessStatusCode)
                {
                    acknowledged();
                    continue;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Counted as not acknowledged; the api process itself stays up.
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<long> RevisionAsync(ApiScope scope)
    {
        var text = await ClusterHttp.RetryUnavailableAsync(() => scope.Http.GetAsync(scope.EnvironmentPath));

        return JsonSerializer.Deserialize<JsonElement>(text!).GetProperty("revision").GetInt64();
    }

    private static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) =>
        ClusterHttp.WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        ClusterHttp.WaitForAsync(condition, timeout, what);
}
