using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Cluster;

/// <summary>
/// Two silo processes and the api, one silo killed with SIGKILL while writers run: every write the
/// api acknowledged must still be there, served by the survivor.
/// </summary>
public sealed class SiloFailoverTests
{
    private const int Writers = 8;

    [Fact]
    public async Task KilledSilo_LosesNoAcknowledgedWrite()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        var ns = TestServices.NewNamespace();
        await CreateEnvironmentAsync(cluster.Http, ns);

        var acknowledged = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers)
            .Select(i => WriteUntilStoppedAsync(cluster.Http, ns, $"Writer{i}:Counter", acknowledged, stop.Token))
            .ToArray();

        await WaitForAsync(() => acknowledged.Values.Sum() >= 200, TimeSpan.FromSeconds(60));
        var beforeKill = acknowledged.Values.Sum();
        cluster.KillSilo(0);
        await WaitForAsync(() => acknowledged.Values.Sum() >= beforeKill + 200, TimeSpan.FromSeconds(60));
        stop.Cancel();
        var failures = await Task.WhenAll(writers);

        var apiLog = cluster.LogPath("api");
        Assert.All(failures, count => Assert.True(count < 100, $"a writer failed {count} times; logs: {apiLog}"));
        foreach (var (key, value) in acknowledged)
        {
            var stored = await ReadValueAsync(cluster.Http, ns, key);
            Assert.True(stored >= value, $"{key}: acknowledged {value}, stored {stored}");
            var history = await ReadHistoryAsync(cluster.Http, ns, key);
            Assert.True(history.Contains(value), $"{key}: acknowledged value {value} is missing from its history");
        }

        var snapshot = await WaitForSnapshotAsync(cluster.Http, ns, acknowledged, TimeSpan.FromSeconds(15));
        Assert.All(acknowledged,
            pair => Assert.True(snapshot[pair.Key] >= pair.Value, $"snapshot of {pair.Key} is behind"));
    }

    /// <summary>Writes 1, 2, 3… to one key; returns how many writes failed.</summary>
    private static async Task<int> WriteUntilStoppedAsync(
        HttpClient http, string ns, string key, ConcurrentDictionary<string, int> acknowledged, CancellationToken stop)
    {
        var failures = 0;
        var next = 1;
        while (!stop.IsCancellationRequested)
        {
            var body = new StringContent($"{{\"value\": {next}}}", Encoding.UTF8, "application/json");
            try
            {
                using var response = await http.PutAsync(KeyPath(ns, key), body, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[key] = next++;
                    continue;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.RetryAfter is not null, "a 503 without Retry-After");
            }
            catch (HttpRequestException)
            {
                // The api itself stays up; a dropped connection would still count as a failure.
            }

            failures++;
            await Task.Delay(100, CancellationToken.None);
        }

        return failures;
    }

    private static async Task CreateEnvironmentAsync(HttpClient http, string ns)
    {
        await RetryUnavailableAsync(() => http.PutAsync($"/v1/namespaces/{ns}", null));
        await RetryUnavailableAsync(() => http.PutAsync($"/v1/namespaces/{ns}/environments/prod", null));
    }

    /// <summary>
    /// Sends a request until its status is other than 503, as a client honouring Retry-After does.
    /// Right after a silo joins or dies, calls to grains placed on it fail until membership settles.
    /// </summary>
    private static async Task<string> RetryUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();

                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(250);
        }
    }

    private static async Task<int> ReadValueAsync(HttpClient http, string ns, string key)
    {
        using var document = JsonDocument.Parse(await RetryUnavailableAsync(() => http.GetAsync(KeyPath(ns, key))));

        return document.RootElement.GetProperty("value").GetInt32();
    }

    private static async Task<HashSet<int>> ReadHistoryAsync(HttpClient http, string ns, string key)
    {
        var body = await RetryUnavailableAsync(() => http.GetAsync(KeyPath(ns, key) + "/versions?limit=1000"));
        using var document = JsonDocument.Parse(body);

        return document.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => v.GetProperty("value").GetInt32())
            .ToHashSet();
    }

    private static async Task<Dictionary<string, int>> WaitForSnapshotAsync(
        HttpClient http, string ns, IDictionary<string, int> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await ReadSnapshotAsync(http, ns);
            var complete = expected.All(pair => snapshot.TryGetValue(pair.Key, out var value) && value >= pair.Value);
            if (complete || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Dictionary<string, int>> ReadSnapshotAsync(HttpClient http, string ns)
    {
        var text = await RetryUnavailableAsync(() => http.GetAsync($"/v1/namespaces/{ns}/environments/prod/configs"));
        var body = JsonSerializer.Deserialize<JsonElement>(text);

        return body.GetProperty("configs").EnumerateArray().ToDictionary(
            e => e.GetProperty("key").GetString()!,
            e => e.GetProperty("value").GetInt32());
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    private static string KeyPath(string ns, string key) =>
        $"/v1/namespaces/{ns}/environments/prod/configs/{Uri.EscapeDataString(key)}";
}
