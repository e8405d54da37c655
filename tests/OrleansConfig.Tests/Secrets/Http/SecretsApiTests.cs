using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Secrets.Http;

/// <summary>
/// The HTTP contract of secrets against real silo and api processes: status codes, ETags, bodies that
/// never carry a value outside the reveal, and 4xx problems that name the fix.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SecretsApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Put_CreatesThenUpdates()
    {
        var scope = await fixture.CreateScopeAsync();

        using var created = await SecretsHttp.PutAsync(scope, "db-password", "created-value-e1");
        using var updated = await SecretsHttp.PutAsync(scope, "db-password", "updated-value-e1");
        using var same = await SecretsHttp.PutAsync(scope, "db-password", "updated-value-e1");

        var body = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.EndsWith("/secrets/db-password", created.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("fingerprint").GetString());
        Assert.False(body.TryGetProperty("value", out _));
        Assert.Equal(2, (await HttpAssert.JsonAsync(updated, HttpStatusCode.OK)).GetProperty("version").GetInt32());
        Assert.False((await HttpAssert.JsonAsync(same, HttpStatusCode.OK)).GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Metadata_ShowsNoValue()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "api-key", "metadata-value-e2");

        using var metadata = await scope.GetAsync(SecretsHttp.Path(scope, "api-key"));
        using var list = await scope.GetAsync(SecretsHttp.Path(scope));
        using var versions = await scope.GetAsync(SecretsHttp.Path(scope, "api-key") + "/versions");

        foreach (var response in new[] { metadata, list, versions })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("metadata-value-e2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"value\"", text, StringComparison.Ordinal);
        }

        var entry = (await HttpAssert.JsonAsync(list, HttpStatusCode.OK)).GetProperty("secrets")[0];
        Assert.Equal(("api-key", 1), (entry.GetProperty("name").GetString(), entry.GetProperty("version").GetInt32()));
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Reveal_ReturnsValueNotToBeCached()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "token", "first-value-e3");
        await SecretsHttp.WriteAsync(scope, "token", "second \"quoted\" \u00e9 value-e3");

        using var current = await SecretsHttp.RevealAsync(scope, "token", justification: "deploy check");
        using var first = await SecretsHttp.RevealAsync(scope, "token", "?version=1");

        var body = await HttpAssert.JsonAsync(current, HttpStatusCode.OK);
        Assert.Equal("second \"quoted\" \u00e9 value-e3", body.GetProperty("value").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("no-store", current.Headers.CacheControl?.ToString());
        Assert.Equal("first-value-e3", (await HttpAssert.JsonAsync(first, HttpStatusCode.OK)).GetProperty("value")
            .GetString());
    }

    [Theory]
    [InlineData("?version=abc", "neither a version number")]
    [InlineData("?version=0", "neither a version number")]
    [InlineData("?version=previous", "no rotation policy")]
    [InlineData("?version=9", "versions 1 to 1")]
    public async Task Reveal_BadVersionNamesTheFix(string query, string expected)
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "versions", "version-value-e4");

        using var response = await SecretsHttp.RevealAsync(scope, "versions", query);

        var status = query.Contains("abc", StringComparison.Ordinal) || query.EndsWith('0')
            ? HttpStatusCode.BadRequest
            : HttpStatusCode.NotFound;
        Assert.Contains(expected, await HttpAssert.ProblemAsync(response, status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reveal_LongJustificationIsRejected()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "justified", "justified-value-e5");

        using var response = await SecretsHttp.RevealAsync(scope, "justified", justification: new string('j', 501));

        Assert.Contains("the maximum is 500", await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad!name", """{"value": "x"}""", "contains '!'")]
    [InlineData("ok", """{"value": 42}""", "must be a JSON string")]
    [InlineData("ok", """{"value": ""}""", "is empty")]
    [InlineData("ok", """{"comment": "no value"}""", "has no 'value'")]
    [InlineData("ok", """{"value": "x", "extra": 1}""", "has the property 'extra'")]
    [InlineData("ok", """{"value": "x" """, "not valid JSON")]
    [InlineData("ok", """["x"]""", "not a JSON object")]
    [InlineData("ok", """{"value": "first", "value": "second"}""", "duplicate 'value' member")]
    [InlineData("ok", """{"value": "\ud800"}""", "unpaired UTF-16 surrogate escape")]
    [InlineData("ok", """{"value": "x", "comment": "\udc00"}""", "unpaired UTF-16 surrogate escape")]
    [InlineData("ok", """{"value": "x", "comment": "a", "comment": "b"}""", "duplicate 'comment' member")]
    public async Task Put_InvalidInputNamesTheFix(string name, string body, string expected)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Put, SecretsHttp.Path(scope, name), body);

        Assert.Contains(expected, await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_InvalidUtf8IsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();
        var body = Encoding.UTF8.GetBytes("""{"value": "pw"}""");
        body[11] = 0xFF;

        using var response =
            await scope.Http.PutAsync(SecretsHttp.Path(scope, "bad-bytes"), new ByteArrayContent(body));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8 at byte 12", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ByteOrderMarkIsSkipped()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Put, SecretsHttp.Path(scope, "bom"),
            "\uFEFF{\"value\": \"s3cr3t-with-bom\"}");

        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("s3cr3t-with-bom", await SecretsHttp.ValueAsync(scope, "bom"));
    }

    [Fact]
    public async Task Put_TooLargeValueIs413()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await SecretsHttp.PutAsync(scope, "large", new string('x', 64 * 1024 + 1));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("the maximum is 65,536", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_StaleIfMatchIs412()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "guarded", "guarded-value-1");
        await SecretsHttp.WriteAsync(scope, "guarded", "guarded-value-2");

        using var response = await scope.SendAsync(HttpMethod.Put, SecretsHttp.Path(scope, "guarded"),
            """{"value": "guarded-value-3"}""", new Header("If-Match", "\"1\""));

        Assert.Contains("at version 2", await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_SecretAndEnvironmentAre404()
    {
        var scope = await fixture.CreateScopeAsync();

        using var secret = await scope.GetAsync(SecretsHttp.Path(scope, "absent"));
        using var reveal = await SecretsHttp.RevealAsync(scope, "absent");
        using var environment = await scope.GetAsync($"/v1/namespaces/{scope.Namespace}/environments/nope/secrets");

        Assert.Contains("does not exist", await HttpAssert.ProblemAsync(secret, HttpStatusCode.NotFound),
            StringComparison.Ordinal);
        Assert.Contains("does not exist", await HttpAssert.ProblemAsync(reveal, HttpStatusCode.NotFound),
            StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(environment, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_KeepsVersionsAndRollbackRestores()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "cycle", "cycle-value-1");
        await SecretsHttp.WriteAsync(scope, "cycle", "cycle-value-2");

        using var deleted = await scope.SendAsync(HttpMethod.Delete, SecretsHttp.Path(scope, "cycle"), null);
        using var current = await SecretsHttp.RevealAsync(scope, "cycle");
        using var rollback = await scope.SendAsync(HttpMethod.Post, SecretsHttp.Path(scope, "cycle") + "/rollback",
            """{"version": 1}""");
        using var restored = await SecretsHttp.RevealAsync(scope, "cycle");

        Assert.True((await HttpAssert.JsonAsync(deleted, HttpStatusCode.OK)).GetProperty("deleted").GetBoolean());
        Assert.Contains("was deleted at version 3", await HttpAssert.ProblemAsync(current, HttpStatusCode.NotFound),
            StringComparison.Ordinal);
        Assert.Equal(1, (await HttpAssert.JsonAsync(rollback, HttpStatusCode.Created)).GetProperty("rolledBackFrom")
            .GetInt32());
        Assert.Equal("cycle-value-1", (await HttpAssert.JsonAsync(restored, HttpStatusCode.OK)).GetProperty("value")
            .GetString());
    }

    [Fact]
    public async Task Purge_NeedsConfirmationThenDestroys()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "doomed", "doomed-value-e9");

        using var unconfirmed = await scope.SendAsync(HttpMethod.Post, SecretsHttp.Path(scope, "doomed") + "/purge",
            """{"comment": "leaked"}""");
        using var purged = await scope.SendAsync(HttpMethod.Post, SecretsHttp.Path(scope, "doomed") + "/purge",
            """{"confirm": "doomed", "comment": "leaked"}""");
        using var gone = await SecretsHttp.RevealAsync(scope, "doomed", "?version=1");

        var detail = await HttpAssert.ProblemAsync(unconfirmed, HttpStatusCode.BadRequest);
        Assert.Contains("\"confirm\": \"doomed\"", detail, StringComparison.Ordinal);
        var body = await HttpAssert.JsonAsync(purged, HttpStatusCode.OK);
        Assert.Equal("purge", body.GetProperty("action").GetString());
        Assert.Contains("destroyed by a purge", await HttpAssert.ProblemAsync(gone, HttpStatusCode.Gone),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_PolicyRotateHistoryAndReports()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "rotated", "rotated-initial-e10");
        var path = SecretsHttp.Path(scope, "rotated");

        using var set = await scope.SendAsync(HttpMethod.Put, path + "/rotation",
            """{"interval": "P30D", "overlap": "PT1H", "generator": {"kind": "password", "length": 24}}""");
        using var rotate = await scope.SendAsync(HttpMethod.Post, path + "/rotate", null);
        using var previous = await SecretsHttp.RevealAsync(scope, "rotated", "?version=previous");
        using var history = await scope.GetAsync(path + "/rotation/history");
        using var report = await scope.GetAsync(scope.EnvironmentPath + "/secret-rotations");
        using var overdue = await scope.GetAsync($"/v1/namespaces/{scope.Namespace}/secret-rotations?overdue=true");
        using var removed = await scope.SendAsync(HttpMethod.Delete, path + "/rotation", null);
        using var none = await scope.GetAsync(path + "/rotation");

        var policy = (await HttpAssert.JsonAsync(set, HttpStatusCode.OK)).GetProperty("rotation").GetProperty("policy");
        Assert.Equal(("P30D", "PT1H"), (policy.GetProperty("interval").GetString(),
            policy.GetProperty("overlap").GetString()));
        var rotated = await HttpAssert.JsonAsync(rotate, HttpStatusCode.OK);
        Assert.Equal("rotate", rotated.GetProperty("action").GetString());
        Assert.Equal("rotated-initial-e10", (await HttpAssert.JsonAsync(previous, HttpStatusCode.OK))
            .GetProperty("value").GetString());
        Assert.True((await HttpAssert.JsonAsync(history, HttpStatusCode.OK)).GetProperty("attempts")[0]
            .GetProperty("succeeded").GetBoolean());
        var entry = (await HttpAssert.JsonAsync(report, HttpStatusCode.OK)).GetProperty("secrets")[0];
        Assert.Equal(("rotated", false), (entry.GetProperty("name").GetString(),
            entry.GetProperty("rotation").GetProperty("overdue").GetBoolean()));
        Assert.Equal(0, (await HttpAssert.JsonAsync(overdue, HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await HttpAssert.StatusAsync(removed, HttpStatusCode.OK);
        Assert.Contains("has no rotation policy", await HttpAssert.ProblemAsync(none, HttpStatusCode.NotFound),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"interval": "monthly", "generator": {"kind": "password"}}""", "not an ISO 8601 duration")]
    [InlineData("""{"interval": "PT30S", "generator": {"kind": "password"}}""", "out of range")]
    [InlineData("""{"interval": "P1D"}""", "'generator' is missing")]
    [InlineData("""{"interval": "P1D", "generator": {"kind": "dice"}}""", "does not exist")]
    [InlineData("""{"interval": "P1D", "generator": {"kind": "password", "length": 4}}""", "out of range")]
    [InlineData("""{"interval": "P1D", "generator": {"kind": "webhook", "url": "ftp://x"}}""", "http or https")]
    [InlineData("""{"interval": "P1D", "overlap": "P2D", "generator": {"kind": "bytes"}}""", "shorter than")]
    public async Task Rotation_InvalidPolicyNamesTheFix(string body, string expected)
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "policy", "policy-value-e11");

        using var response = await scope.SendAsync(HttpMethod.Put, SecretsHttp.Path(scope, "policy") + "/rotation",
            body);

        Assert.Contains(expected, await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reveal_AppearsInTheComplianceReport()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "reported", "reported-value-e13");
        await SecretsHttp.ValueAsync(scope, "reported");

        using var response = await scope.GetAsync(Audit.ReportApiTests.ReportPath(scope.Namespace));

        var reveals = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("secretReveals");
        Assert.Equal(1, reveals.GetProperty("total").GetInt32());
        Assert.Equal("reported", reveals.GetProperty("items")[0].GetProperty("secret").GetString());
        Assert.DoesNotContain("reported-value-e13", reveals.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyring_RotationShowsProgressAndCompletes()
    {
        var scope = await fixture.CreateScopeAsync();
        await SecretsHttp.WriteAsync(scope, "kept", "kept-value-e12");
        using var keyring = await scope.GetAsync("/v1/secrets/keyring");
        var key = (await HttpAssert.JsonAsync(keyring, HttpStatusCode.OK)).GetProperty("silos")[0]
            .GetProperty("keys")[0].GetString()!;

        using var invalid = await scope.SendAsync(HttpMethod.Post, "/v1/secrets/keyring/rotations",
            """{"retire": 1}""");
        using var started = await scope.SendAsync(HttpMethod.Post, "/v1/secrets/keyring/rotations",
            JsonSerializer.Serialize(new { targetKey = key, retirePrevious = true }));
        var job = await HttpAssert.JsonAsync(started, HttpStatusCode.Accepted);
        var location = started.Headers.Location!.ToString();
        var finished = default(JsonElement);
        await Infrastructure.ClusterHttp.WaitForAsync(async () =>
        {
            using var progress = await scope.GetAsync(location);
            finished = await HttpAssert.JsonAsync(progress, HttpStatusCode.OK);

            return finished.GetProperty("phase").GetString() is "completed" or "failed";
        }, TimeSpan.FromSeconds(120), "the key-encryption key rotation");
        using var unknown = await scope.GetAsync("/v1/secrets/keyring/rotations/kek-unknown");

        Assert.Contains("'targetKey'", await HttpAssert.ProblemAsync(invalid, HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Equal("preparing", job.GetProperty("phase").GetString());
        Assert.Equal(("completed", 100), (finished.GetProperty("phase").GetString(),
            finished.GetProperty("percentDone").GetInt32()));
        Assert.True(finished.GetProperty("secretsTotal").GetInt32() >= 1);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var after = await SecretsHttp.RevealAsync(scope, "kept");
        Assert.Equal("kept-value-e12", (await HttpAssert.JsonAsync(after, HttpStatusCode.OK)).GetProperty("value")
            .GetString());
    }
}
