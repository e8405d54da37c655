using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>Requests that tolerate a cluster losing a silo, for the failover tests.</summary>
public static class ClusterHttp
{
    /// <summary>
    /// Sends a request until its status is other than 503, as a client honouring Retry-After does, and
    /// returns the body; null for a 404 when <paramref name="allowNotFound"/>.
    /// </summary>
    public static async Task<string?> RetryUnavailableAsync(
        Func<Task<HttpResponseMessage>> send, bool allowNotFound = false)
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

    /// <summary>
    /// Returns the sum of the latest versions of keys <c>Key0</c> to <c>Key{count-1}</c>: the changes stored.
    /// </summary>
    public static async Task<long> SumOfVersionsAsync(ApiScope scope, int count)
    {
        long sum = 0;
        for (var k = 0; k < count; k++)
        {
            var path = scope.KeyPath($"Key{k}") + "/versions?limit=1";
            var text = await RetryUnavailableAsync(() => scope.Http.GetAsync(path), allowNotFound: true);
            if (text is not null)
            {
                var versions = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("versions");
                sum += versions[0].GetProperty("version").GetInt32();
            }
        }

        return sum;
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what = "condition")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} not met within {timeout}.");
            }

            await Task.Delay(100);
        }
    }
}
