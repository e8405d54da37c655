using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansConfig.Api.Identity;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Identity.Http.IdentityHttp;

namespace OrleansConfig.Tests.Identity.Http;

/// <summary>
/// The admin key bootstrap and the identity endpoints in the real api and silo processes. Requests
/// carry <c>Authorization: Bearer &lt;key&gt;</c>.
/// </summary>
public sealed class IdentityProcessTests
{
    private const string NeedsBootstrap = "needs AdminKeyBootstrap registered in the api's Program.cs";
    private const string NeedsAuthentication = "needs authentication";

    [Fact]
    public async Task UnsetAdminKey_PrintsKeyOnce()
    {
        var environment = new Dictionary<string, string> { [AdminKeyBootstrap.VariableName] = "" };
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, environment);

        var keys = await WaitForPrintedKeysAsync(cluster);

        var key = Assert.Single(keys);
        Assert.True(ApiKeyFormat.TryParse(key, out _, out _));
    }

    [Fact]
    public async Task MalformedAdminKey_FailsStart()
    {
        const string malformed = "oc_not-a-valid-key";
        var environment = new Dictionary<string, string> { [AdminKeyBootstrap.VariableName] = malformed };

        var error = await Record.ExceptionAsync(() => ProcessCluster.StartAsync(silos: 1, environment));

        Assert.IsType<InvalidOperationException>(error);
        var logPath = error.Message.Split(' ').First(word => word.EndsWith("-api.log,", StringComparison.Ordinal));
        var log = await ReadSharedAsync(logPath.TrimEnd(','));
        var expected = $"{AdminKeyBootstrap.VariableName} is set but is not an OrleansConfig key";
        Assert.Contains(expected, log, StringComparison.Ordinal);
        Assert.DoesNotContain(malformed, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredAdminKey_CreatesKeys()
    {
        var admin = ApiKeyFormat.Generate().Key;
        await using var cluster = await StartWithAdminKeyAsync(admin);

        var (id, key) = await CreateKeyAsync(Authorized(cluster, admin), ("operator", "shop", "prod"));
        using var response = await Authorized(cluster, key).GetAsync("/v1/me");
        var me = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, me.GetProperty("id").GetString());
        Assert.Equal(["operator:shop/prod"], Grants(me));
        Assert.Empty(await WaitForPrintedKeysAsync(cluster, TimeSpan.Zero));
    }

    [Fact]
    public async Task RevokedKey_IsRejected()
    {
        var admin = ApiKeyFormat.Generate().Key;
        await using var cluster = await StartWithAdminKeyAsync(admin);
        var (id, key) = await CreateKeyAsync(Authorized(cluster, admin), ("viewer", "shop", null));

        using var revoke = await Authorized(cluster, admin).DeleteAsync($"/v1/keys/{id}");
        using var after = await Authorized(cluster, key).GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revocation_ReachesSecondApiProcess()
    {
        var admin = ApiKeyFormat.Generate().Key;
        await using var cluster = await StartWithAdminKeyAsync(admin);
        var secondAddress = await cluster.StartSecondApiAsync();
        var (id, key) = await CreateKeyAsync(Authorized(cluster, admin), ("viewer", "shop", null));
        using var second = new HttpClient { BaseAddress = secondAddress, Timeout = TimeSpan.FromSeconds(30) };
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var before = await second.GetAsync("/v1/me");

        using var revoke = await Authorized(cluster, admin).DeleteAsync($"/v1/keys/{id}");
        using var after = await second.GetAsync("/v1/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task GrantChange_AppliesToNextRequest()
    {
        var admin = ApiKeyFormat.Generate().Key;
        await using var cluster = await StartWithAdminKeyAsync(admin);
        var (id, key) = await CreateKeyAsync(Authorized(cluster, admin), ("viewer", "shop", null));

        using var put = await Authorized(cluster, admin).PutAsJsonAsync($"/v1/namespaces/shop/grants/{id}",
            new { role = "admin" });
        var (_, created) = await CreateKeyAsync(Authorized(cluster, key), ("viewer", "shop", "prod"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith("oc_", created, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKey_Returns401()
    {
        await using var cluster = await StartWithAdminKeyAsync(ApiKeyFormat.Generate().Key);

        using var response = await cluster.Http.GetAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<ProcessCluster> StartWithAdminKeyAsync(string adminKey) =>
        ProcessCluster.StartAsync(silos: 1,
            new Dictionary<string, string> { [AdminKeyBootstrap.VariableName] = adminKey });

    private static HttpClient Authorized(ProcessCluster cluster, string key)
    {
        var client = new HttpClient { BaseAddress = cluster.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        return client;
    }

    /// <summary>Reads the keys printed in the api's output, waiting up to <paramref name="timeout"/> for one.</summary>
    private static async Task<string[]> WaitForPrintedKeysAsync(ProcessCluster cluster, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var keys = (await ReadSharedAsync(cluster.LogPath("api")))
                .Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal))
                .ToArray();
            if (keys.Length > 0 || DateTime.UtcNow >= deadline)
            {
                return keys;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Reads a log file that the process runner may still hold open for writing.</summary>
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);

        return await reader.ReadToEndAsync();
    }
}
