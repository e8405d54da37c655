using System.Globalization;
using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>
/// Scheduled changes over HTTP: add, list, reschedule and cancel, the checks on their input, their audit
/// records, and one change that applies a few seconds ahead.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagScheduleApiTests(ApiClusterFixture fixture)
{
    private static string InAnHour => At(TimeSpan.FromHours(1));

    [Fact]
    public async Task Add_ReturnsPendingSchedule()
    {
        var flags = await WithRolloutAsync();

        using var response = await flags.PostAsync(SchedulesPath(flags), $$"""
            {"at": "{{InAnHour}}", "action": "set-rollout-weights", "weights": {"blue": 50, "red": 50},
             "comment": "half"}
            """);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetString()!;

        Assert.Equal($"{SchedulesPath(flags)}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("set-rollout-weights", body.GetProperty("action").GetString());
        Assert.Equal(50, body.GetProperty("weights").GetProperty("red").GetInt32());
        Assert.Equal("half", body.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task List_ShowsEveryScheduleNewestFirst()
    {
        var flags = await WithRolloutAsync();
        var first = await AddAsync(flags, $$"""{"at": "{{InAnHour}}", "action": "disable"}""");
        var second = await AddAsync(flags, $$"""{"at": "{{InAnHour}}", "action": "enable"}""");

        var all = await ListAsync(flags, "");
        var pending = await ListAsync(flags, "?status=pending");
        var applied = await ListAsync(flags, "?status=applied");

        Assert.Equal([second, first], all);
        Assert.Equal([second, first], pending);
        Assert.Empty(applied);
    }

    [Fact]
    public async Task Reschedule_MovesTimeKeepingAction()
    {
        var flags = await WithRolloutAsync();
        var id = await AddAsync(flags,
            $$"""{"at": "{{InAnHour}}", "action": "set-default-variant", "variant": "red"}""");
        var later = At(TimeSpan.FromHours(2));

        using var response = await flags.Scope.SendAsync(HttpMethod.Put, $"{SchedulesPath(flags)}/{id}",
            $$"""{"at": "{{later}}"}""");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(DateTimeOffset.Parse(later, CultureInfo.InvariantCulture),
            body.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("set-default-variant", body.GetProperty("action").GetString());
        Assert.Equal("red", body.GetProperty("variant").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_EndsScheduleOnce()
    {
        var flags = await WithRolloutAsync();
        var id = await AddAsync(flags, $$"""{"at": "{{InAnHour}}", "action": "disable"}""");

        using var cancel = await flags.Scope.SendAsync(HttpMethod.Delete, $"{SchedulesPath(flags)}/{id}", null);
        var body = await HttpAssert.JsonAsync(cancel, HttpStatusCode.OK);
        using var again = await flags.Scope.SendAsync(HttpMethod.Delete, $"{SchedulesPath(flags)}/{id}", null);
        using var move = await flags.Scope.SendAsync(HttpMethod.Put, $"{SchedulesPath(flags)}/{id}",
            $$"""{"at": "{{InAnHour}}"}""");

        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(move, HttpStatusCode.Conflict);
        Assert.Equal([id], await ListAsync(flags, "?status=cancelled"));
    }

    [Fact]
    public async Task UnknownSchedule_IsNotFound()
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var cancel = await flags.Scope.SendAsync(HttpMethod.Delete, $"{SchedulesPath(flags)}/s99", null);
        using var move = await flags.Scope.SendAsync(HttpMethod.Put, $"{SchedulesPath(flags)}/s99",
            $$"""{"at": "{{InAnHour}}"}""");

        await HttpAssert.ProblemAsync(cancel, HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(move, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScheduleOfUnknownFlag_IsNotFound()
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var add = await flags.PostAsync(flags.FlagPath("never") + "/schedules",
            $$"""{"at": "{{InAnHour}}", "action": "enable"}""");
        using var list = await flags.GetAsync(flags.FlagPath("never") + "/schedules");

        await HttpAssert.ProblemAsync(add, HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(list, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"at": "2001-01-01T00:00:00Z", "action": "enable"}""", "not in the future" },
        { """{"at": "2099-01-01T00:00:00", "action": "enable"}""", "offset" },
        { """{"at": "next monday", "action": "enable"}""", "'at'" },
        { """{"action": "enable"}""", "'at' is missing" },
        { """{"at": "2099-01-01T00:00:00Z"}""", "'action' is missing" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "explode"}""", "'action'" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "enable", "variant": "red"}""", "'variant'" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "set-default-variant"}""", "'variant' is missing" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "set-rollout-weights", "weights": {"red": -1}}""", "'red'" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "set-rollout-weights", "weights": {"red": 0.5}}""", "'red'" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "set-rollout-weights", "weights": {"red": 0}}""", "add up" },
        { """{"at": "2099-01-01T00:00:00Z", "action": "disable", "when": "now"}""", "'when'" },
        { """["at"]""", "not an object" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Add_InvalidBodyIsBadRequest(string body, string named)
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(SchedulesPath(flags), body);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(named, detail, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(flags, ""));
    }

    [Fact]
    public async Task Add_UnknownVariantIsUnprocessable()
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(SchedulesPath(flags),
            $$"""{"at": "{{InAnHour}}", "action": "set-default-variant", "variant": "green"}""");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("green", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndCancel_AreAudited()
    {
        var flags = await WithRolloutAsync();
        var id = await AddAsync(flags, $$"""{"at": "{{InAnHour}}", "action": "disable"}""");
        using var cancel = await flags.Scope.SendAsync(HttpMethod.Delete, $"{SchedulesPath(flags)}/{id}", null);
        await HttpAssert.StatusAsync(cancel, HttpStatusCode.OK);

        var actions = await AuditActionsAsync(flags);

        Assert.Contains("flag.schedule.create", actions);
        Assert.Contains("flag.schedule.cancel", actions);
    }

    [Fact]
    public async Task DueSchedule_AppliesAsNewVersion()
    {
        var flags = await WithRolloutAsync();
        var id = await AddAsync(flags, $$"""{"at": "{{At(TimeSpan.FromSeconds(3))}}", "action": "disable"}""");

        var schedule = await WaitForStatusAsync(flags, id, TimeSpan.FromSeconds(60));
        var flag = await flags.ReadAsync("color");

        Assert.Equal("applied", schedule.GetProperty("status").GetString());
        Assert.Equal(2, schedule.GetProperty("appliedVersion").GetInt32());
        Assert.Equal("DISABLED", flag.GetProperty("definition").GetProperty("state").GetString());
        Assert.Equal("schedule.apply", flag.GetProperty("action").GetString());
    }

    private static string At(TimeSpan ahead) =>
        (DateTimeOffset.UtcNow + ahead).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string SchedulesPath(FlagScope flags) => flags.FlagPath("color") + "/schedules";

    private async Task<FlagScope> WithRolloutAsync()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("color", FlagScope.Rollout);

        return flags;
    }

    private static async Task<string> AddAsync(FlagScope flags, string body)
    {
        using var response = await flags.PostAsync(SchedulesPath(flags), body);

        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string[]> ListAsync(FlagScope flags, string query)
    {
        using var response = await flags.GetAsync(SchedulesPath(flags) + query);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        return body.GetProperty("schedules").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
    }

    /// <summary>Polls the schedule until it is no longer pending, for at most <paramref name="timeout"/>.</summary>
    private static async Task<JsonElement> WaitForStatusAsync(FlagScope flags, string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await flags.GetAsync(SchedulesPath(flags));
            var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
            var schedule = body.GetProperty("schedules").EnumerateArray()
                .Single(s => s.GetProperty("id").GetString() == id);
            if (schedule.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return schedule;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task<string[]> AuditActionsAsync(FlagScope flags)
    {
        using var response = await fixture.Http.GetAsync($"/v1/audit?namespace={flags.Namespace}");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        return body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("action").GetString()!).ToArray();
    }
}
