using System.Net;
using System.Text;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using static OrleansConfig.Tests.Schemas.SchemaRequests;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// A registered desired state over HTTP: registration checks at once, a manual edit shows at <c>…/drift</c> after a
/// check on request, and the drift is a change event on the watch stream and an audit record.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class DesiredStateApiTests(ApiClusterFixture fixture)
{
    private const string Desired = "configuration:\n  Mode: green\n  Limits:\n    MaxItems: 10\n";

    [Fact]
    public async Task ManualEdit_ReportedAsDrift()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"green\"");
        await scope.WriteAsync("Limits:MaxItems", "10");
        var registered = await RegisterAsync(scope, Desired);
        var afterRegistration = (await scope.ReadSnapshotAsync()).GetProperty("revision").GetInt64();
        var resumeAt = afterRegistration.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var watch = await SseRecorder.StartAsync(fixture.Cluster.ApiAddress, fixture.Cluster.AdminKey,
            scope.EnvironmentPath + "/watch", resumeAt);

        await scope.WriteAsync("Mode", "\"red\"");
        using var check = await scope.SendAsync(HttpMethod.Post, scope.EnvironmentPath + "/drift/check", null);
        var checkedNow = await HttpAssert.JsonAsync(check, HttpStatusCode.OK);
        using var latest = await scope.GetAsync(scope.EnvironmentPath + "/drift");
        var report = await HttpAssert.JsonAsync(latest, HttpStatusCode.OK);
        await watch.WaitForAsync(events => events.Any(e => e.Type == "change" && Kind(e) == "drift"),
            TimeSpan.FromSeconds(15));
        var records = await AuditAsync(scope, "action=drift.detected");

        Assert.False(registered.GetProperty("drift").GetProperty("drifted").GetBoolean());
        Assert.True(checkedNow.GetProperty("drifted").GetBoolean());
        var item = Assert.Single(report.GetProperty("items").EnumerateArray());
        Assert.Equal("Mode", item.GetProperty("key").GetString());
        Assert.Equal("red", item.GetProperty("old").GetString());
        Assert.Equal("green", item.GetProperty("new").GetString());
        var driftEvent = watch.Events.Single(e => e.Type == "change" && Kind(e) == "drift").Json;
        Assert.Equal(report.GetProperty("eventRevision").GetInt64(), driftEvent.GetProperty("revision").GetInt64());
        Assert.Equal(1, driftEvent.GetProperty("value").GetProperty("drifted").GetInt32());
        Assert.Equal("detected", driftEvent.GetProperty("action").GetString());
        var record = Assert.Single(records);
        Assert.Equal("Mode", record.GetProperty("summary").GetProperty("drift").GetProperty("items")[0]
            .GetProperty("key").GetString());
        Assert.DoesNotContain("red", record.GetProperty("summary").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_IsReadableAndRemovable()
    {
        var scope = await fixture.CreateScopeAsync();
        await RegisterAsync(scope, Desired);

        using var read = await scope.GetAsync(scope.EnvironmentPath + "/desired-state");
        var registration = await HttpAssert.JsonAsync(read, HttpStatusCode.OK);
        using var delete = await scope.SendAsync(HttpMethod.Delete, scope.EnvironmentPath + "/desired-state", null);
        using var gone = await scope.GetAsync(scope.EnvironmentPath + "/drift");
        var records = await AuditAsync(scope, "resource=prod");

        Assert.Equal("yaml", registration.GetProperty("format").GetString());
        Assert.Equal(2, registration.GetProperty("configurationKeys").GetInt32());
        Assert.Equal(Desired, registration.GetProperty("file").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound);
        var actions = records.Select(r => r.GetProperty("action").GetString()).ToArray();
        Assert.Contains("desired-state.register", actions);
        Assert.Contains("desired-state.unregister", actions);
    }

    [Fact]
    public async Task Drift_WithoutRegistrationIsNotFound()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.GetAsync(scope.EnvironmentPath + "/drift");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("desired-state", detail, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RegisterAsync(ApiScope scope, string yaml)
    {
        using var response = await scope.Http.PutAsync(scope.EnvironmentPath + "/desired-state?format=yaml",
            new StringContent(yaml, Encoding.UTF8));

        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static string? Kind(SseEvent e) => e.Json.GetProperty("kind").GetString();
}
