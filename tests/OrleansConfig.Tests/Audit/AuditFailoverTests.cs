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
        await RetryAsync(() => cluster.Http.PutAsync($"/v1/namespaces/{scope.Namespace}", null));
        await RetryAsync(() => cluster.Http.PutAsync(scope.EnvironmentPath, null));

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

        long versions = 0;
        for (var k = 0; k < Keys; k++)
        {
            var text = await RetryAsync(() => cluster.Http.GetAsync(scope.KeyPath($"Key{k}") + "/versions?limit=1"), allowNotFound: true);
            if (text is not null)
            {
                versions += JsonSerializer.Deserialize<JsonElement>(text).GetProperty("versions")[0].GetProperty("version").GetInt32();
            }
        }

        // Changes made but not acknowledged are audited once they are sequenced, within a reconcile or two.
        List<long> revisions = [];
        await WaitForAsync(async () =>
        {
            revisions = await AuditDatabase.QueryAsync(
                "SELECT revision FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND revision IS NOT NULL "
                + "ORDER BY revision", r => r.GetInt64(0), cluster.ServiceId, scope.Namespace);

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

    private static async Task<string?> RetryAsync(Func<Task<HttpResponseMessage>> send, bool allowNotFound = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await send();
            if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();

                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(250);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met within 60 s.");
            }

            await Task.Delay(200);
        }
    }
}
