using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Changes;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Audit;

/// <summary>
/// Two silos, writers in one namespace, one silo killed with SIGKILL: afterwards every change in
/// storage has exactly one audit record, so every acknowledged write has one.
/// </summary>
public sealed class AuditFailoverTests
{
    private const int Keys = 12;

    [Fact]
    public async Task KilledSilo_EveryChangeAuditedOnce()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2, WatchClusterFixture.Settings);
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        var scope = new ApiScope(cluster.Http, TestServices.NewNamespace(), "prod");
        await ClusterHttp.RetryUnavailableAsync(() => cluster.Http.PutAsync($"/v1/namespaces/{scope.Namespace}", null));
        await ClusterHttp.RetryUnavailableAsync(() => cluster.Http.PutAsync(scope.EnvironmentPath, null));

        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await scope.PutAsync($"Key{random.Next(Keys)}", $"\"{Guid.NewGuid():N}\"");
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref acknowledged);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not acknowledged.
                }

                await Task.Delay(100);
            }
        })).ToArray();

        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= 120));
        cluster.KillSilo(0);
        var afterKill = Volatile.Read(ref acknowledged);
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= afterKill + 120));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var versions = await ClusterHttp.SumOfVersionsAsync(scope, Keys);

        // Changes made but not acknowledged are audited once they are sequenced, within a reconcile or two.
        List<long> revisions = [];
        await WaitForAsync(async () =>
        {
            revisions = await AuditDatabase.QueryAsync(
                "SELECT revision FROM orleansconfig_audit "
                + "WHERE service_id = $1 AND chain = $2 AND revision IS NOT NULL ORDER BY revision",
                r => r.GetInt64(0), cluster.ServiceId, scope.Namespace);

            return revisions.Count >= versions;
        });

        Assert.Equal(versions, revisions.Count);
        Assert.Equal(Enumerable.Range(1, (int)versions).Select(i => (long)i), revisions);
        Assert.True(versions >= Volatile.Read(ref acknowledged),
            $"{versions} changes stored, {acknowledged} acknowledged");
        using var verify = await cluster.Http.PostAsync($"/v1/audit/verify?namespace={scope.Namespace}", null);
        var result = JsonSerializer.Deserialize<JsonElement>(await verify.Content.ReadAsStringAsync());
        Assert.True(result.GetProperty("intact").GetBoolean(), result.GetRawText());
    }

    private static Task WaitForAsync(Func<Task<bool>> condition) =>
        ClusterHttp.WaitForAsync(condition, TimeSpan.FromSeconds(60));
}
