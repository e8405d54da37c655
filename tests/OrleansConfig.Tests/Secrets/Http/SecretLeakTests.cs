using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Infrastructure;
using OrleansConfig.Tests.Secrets.Grains;

namespace OrleansConfig.Tests.Secrets.Http;

/// <summary>
/// Runs every secret operation against real silo and api processes that log at Debug, including the
/// failure paths: a failing rotation webhook, a tampered ciphertext and a key-encryption key rotation.
/// Then it searches a pg_dump of the test database and every captured log line for each plaintext written
/// or revealed. The rotation webhook is an in-test HTTP server on 127.0.0.1.
/// </summary>
public sealed class SecretLeakTests
{
    private const string EnvironmentName = "prod";

    [PgDumpFact]
    public async Task Plaintexts_NeverReachDatabaseOrLogs()
    {
        await using var webhook = await FakeRotationWebhook.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Default"] = "Debug",
            ["Serilog__MinimumLevel__Override__OrleansConfig"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Debug",
        });
        var scope = await CreateScopeAsync(cluster);
        var plaintexts = new List<string>();

        await WriteAndRevealAsync(scope, plaintexts);
        await RotateAsync(scope, webhook, plaintexts);
        await RotateKeysAsync(scope);
        await TamperAsync(cluster, scope, plaintexts);

        var dump = await PgDump.DumpAsync();
        var logs = string.Concat(Directory.GetFiles(Path.GetDirectoryName(cluster.LogPath("api"))!,
            $"{cluster.ServiceId}-*.log").Select(File.ReadAllText));
        Assert.Contains(scope.Namespace, dump, StringComparison.Ordinal);
        Assert.Contains("secret.reveal", dump, StringComparison.Ordinal);
        // Grain state is bytea, which pg_dump writes as hex: the search finds what secret rows hold.
        Assert.Contains(Convert.ToHexStringLower("\"key\":\"leak-0\""u8), dump, StringComparison.Ordinal);
        Assert.Contains(" DBG] ", logs, StringComparison.Ordinal);
        Assert.True(plaintexts.Count >= 28, $"only {plaintexts.Count} plaintexts were written");
        foreach (var plaintext in plaintexts)
        {
            foreach (var form in Forms(plaintext))
            {
                Assert.False(dump.Contains(form, StringComparison.Ordinal), $"pg_dump contains '{form}'");
                Assert.False(logs.Contains(form, StringComparison.Ordinal), $"the logs contain '{form}'");
            }
        }
    }

    private static async Task<ApiScope> CreateScopeAsync(ProcessCluster cluster)
    {
        var scope = new ApiScope(cluster.Http, TestServices.NewNamespace(), EnvironmentName);
        (await cluster.Http.PutAsync($"/v1/namespaces/{scope.Namespace}", null)).EnsureSuccessStatusCode();
        (await cluster.Http.PutAsync(scope.EnvironmentPath, null)).EnsureSuccessStatusCode();

        return scope;
    }

    /// <summary>Writes several versions of several secrets, reveals them, rolls back, deletes and purges.</summary>
    private static async Task WriteAndRevealAsync(ApiScope scope, List<string> plaintexts)
    {
        for (var i = 0; i < 8; i++)
        {
            for (var version = 0; version < 3; version++)
            {
                var value = NewPlaintext(i == 0 && version == 0 ? "p\u00e4ss-w\u00f6rd-\u2603" : "leak");
                plaintexts.Add(value);
                await SecretsHttp.WriteAsync(scope, $"leak-{i}", value);
            }

            await SecretsHttp.ValueAsync(scope, $"leak-{i}");
        }

        await Send(scope, HttpMethod.Post, "leak-1/rollback", """{"version": 1}""", HttpStatusCode.OK);
        await Send(scope, HttpMethod.Delete, "leak-2", null, HttpStatusCode.OK);
        await Send(scope, HttpMethod.Post, "leak-3/purge", """{"confirm": "leak-3"}""", HttpStatusCode.OK);
        var large = NewPlaintext("large") + new string('z', 70_000);
        using var tooLarge = await SecretsHttp.PutAsync(scope, "leak-4", large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var invalid = NewPlaintext("invalid");
        plaintexts.Add(invalid);
        using var badBody = await scope.SendAsync(HttpMethod.Put, SecretsHttp.Path(scope, "leak-5"),
            $$"""{"value": "{{invalid}}", "oops": """);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
    }

    /// <summary>Rotates with a password, with a webhook, and with a failing webhook; learns each new value.</summary>
    private static async Task RotateAsync(ApiScope scope, FakeRotationWebhook webhook, List<string> plaintexts)
    {
        await Send(scope, HttpMethod.Put, "leak-0/rotation",
            """{"interval": "P1D", "overlap": "PT1H", "generator": {"kind": "password", "length": 40}}""",
            HttpStatusCode.OK);
        await Send(scope, HttpMethod.Post, "leak-0/rotate", null, HttpStatusCode.OK);
        plaintexts.Add(await SecretsHttp.ValueAsync(scope, "leak-0"));
        using var previous = await SecretsHttp.RevealAsync(scope, "leak-0", "?version=previous");
        await HttpAssert.StatusAsync(previous, HttpStatusCode.OK);

        var policy = JsonSerializer.Serialize(new
        {
            interval = "P1D", generator = new { kind = "webhook", url = webhook.Address.ToString() },
        });
        await Send(scope, HttpMethod.Put, "leak-6/rotation", policy, HttpStatusCode.OK);
        await Send(scope, HttpMethod.Post, "leak-6/rotate", null, HttpStatusCode.OK);
        plaintexts.AddRange(webhook.Issued);
        Assert.Equal(webhook.Issued.Last(), await SecretsHttp.ValueAsync(scope, "leak-6"));

        webhook.Failing = true;
        await Send(scope, HttpMethod.Post, "leak-6/rotate", null, HttpStatusCode.BadGateway);
    }

    /// <summary>Flips a bit of a stored ciphertext, replaces the silos so it is read again, and reveals it.</summary>
    private static async Task TamperAsync(ProcessCluster cluster, ApiScope scope, List<string> plaintexts)
    {
        var tampered = NewPlaintext("tampered");
        plaintexts.Add(tampered);
        await SecretsHttp.WriteAsync(scope, "leak-7", tampered);
        await SecretRows.EditAsync(cluster.ServiceId, GrainKeys.Secret(scope.Namespace, EnvironmentName, "leak-7"),
            state =>
            {
                var versions = state["versions"]!.AsArray();
                var version = versions[versions.Count - 1]!.AsObject();
                var bytes = Convert.FromBase64String(version["value"]!.GetValue<string>());
                bytes[^1] ^= 0x80;
                version["value"] = JsonValue.Create(Convert.ToBase64String(bytes));
            });
        // Both original silos go, one after the other, so the secret's grain reads its row again elsewhere.
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        cluster.KillSilo(0);
        await cluster.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(60));
        cluster.StartSilo();
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        cluster.KillSilo(1);
        await cluster.WaitForActiveSilosAsync(1, TimeSpan.FromSeconds(60));

        // The api returns 503 until it has found the new silo.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpResponseMessage response;
        while ((response = await SecretsHttp.RevealAsync(scope, "leak-7")).StatusCode
            == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
        {
            response.Dispose();
            await Task.Delay(250);
        }

        using var failed = response;
        var body = await HttpAssert.ProblemAsync(failed, HttpStatusCode.InternalServerError);
        Assert.Contains("failed its integrity check", body, StringComparison.Ordinal);
    }

    /// <summary>Rotates the key-encryption key to the one the silos hold, which re-wraps every data key.</summary>
    private static async Task RotateKeysAsync(ApiScope scope)
    {
        using var keyring = await scope.GetAsync("/v1/secrets/keyring");
        var key = (await HttpAssert.JsonAsync(keyring, HttpStatusCode.OK)).GetProperty("silos")[0]
            .GetProperty("keys")[0].GetString();
        using var started = await scope.SendAsync(HttpMethod.Post, "/v1/secrets/keyring/rotations",
            JsonSerializer.Serialize(new { targetKey = key }));
        await HttpAssert.StatusAsync(started, HttpStatusCode.Accepted);
        await ClusterHttp.WaitForAsync(async () =>
        {
            using var progress = await scope.GetAsync(started.Headers.Location!.ToString());

            return (await HttpAssert.JsonAsync(progress, HttpStatusCode.OK)).GetProperty("phase").GetString()
                is "completed" or "failed";
        }, TimeSpan.FromSeconds(120), "the key-encryption key rotation");
    }

    private static async Task Send(ApiScope scope, HttpMethod method, string path, string? body,
        HttpStatusCode expected)
    {
        using var response = await scope.SendAsync(method, SecretsHttp.Path(scope) + "/" + path, body);
        await HttpAssert.StatusAsync(response, expected);
    }

    private static string NewPlaintext(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// The forms a leaked value could take: as written, JSON-escaped, base64, and hex as pg_dump writes bytea.
    /// </summary>
    private static IEnumerable<string> Forms(string plaintext)
    {
        var utf8 = Encoding.UTF8.GetBytes(plaintext);
        var escaped = JsonSerializer.Serialize(plaintext)[1..^1];

        return new[]
        {
            plaintext, escaped, Convert.ToBase64String(utf8), Convert.ToHexStringLower(utf8),
            Convert.ToHexStringLower(Encoding.UTF8.GetBytes(escaped)),
        }.Distinct();
    }
}
