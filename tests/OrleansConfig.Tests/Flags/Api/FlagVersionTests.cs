using System.Net;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>Preconditions, history and rollback of flags, as configuration keys have them.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagVersionTests(ApiClusterFixture fixture)
{
    private static readonly string On = FlagScope.Toggle.Replace("\"off\"}", "\"on\"}");

    [Fact]
    public async Task PutStaleIfMatch_FailsLeavingFlag()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PutAsync("banner", FlagScope.Toggle, new Header("If-Match", "\"1\""));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        Assert.Equal(2, (await flags.ReadAsync("banner")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PutCurrentIfMatch_Succeeds()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PutAsync("banner", FlagScope.Toggle, new Header("If-Match", "\"2\""));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task PutIfNoneMatch_FailsWhenFlagExists()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PutAsync("banner", FlagScope.Toggle, new Header("If-None-Match", "*"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutWeakIfMatch_IsBadRequest()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PutAsync("banner", FlagScope.Toggle, new Header("If-Match", "W/\"2\""));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeleteStaleIfMatch_FailsLeavingFlag()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.Scope.SendAsync(HttpMethod.Delete, flags.FlagPath("banner"), null,
            new Header("If-Match", "\"1\""));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        Assert.Equal(2, (await flags.ReadAsync("banner")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task GetIfNoneMatchCurrent_IsNotModified()
    {
        var flags = await AtVersionTwoAsync();

        using var current = await flags.Scope.SendAsync(HttpMethod.Get, flags.FlagPath("banner"), null,
            new Header("If-None-Match", "\"2\""));
        using var stale = await flags.Scope.SendAsync(HttpMethod.Get, flags.FlagPath("banner"), null,
            new Header("If-None-Match", "\"1\""));

        Assert.Equal(HttpStatusCode.NotModified, current.StatusCode);
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task GetVersion_ReadsOldDocument()
    {
        var flags = await AtVersionTwoAsync();

        var old = await flags.ReadAsync("banner?version=1");

        Assert.Equal(1, old.GetProperty("version").GetInt32());
        Assert.Equal("off", old.GetProperty("definition").GetProperty("defaultVariant").GetString());
    }

    [Fact]
    public async Task Versions_AreNewestFirstAndPaged()
    {
        var flags = await AtVersionTwoAsync();
        await flags.WriteAsync("banner", FlagScope.Toggle);

        using var response = await flags.GetAsync(flags.FlagPath("banner") + "/versions?limit=2");
        var page = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        using var rest = await flags.GetAsync(flags.FlagPath("banner") + "/versions?limit=2&before=2");
        var last = await HttpAssert.JsonAsync(rest, HttpStatusCode.OK);

        Assert.Equal([3, 2], page.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version")
            .GetInt32()));
        Assert.Equal(2, page.GetProperty("nextBefore").GetInt32());
        Assert.Equal([1], last.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version")
            .GetInt32()));
        Assert.Equal("on", page.GetProperty("versions")[1].GetProperty("definition").GetProperty("defaultVariant")
            .GetString());
    }

    [Fact]
    public async Task Rollback_WritesOldDefinitionAsNewVersion()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PostAsync(flags.FlagPath("banner") + "/rollback",
            """{"version": 1, "comment": "back to off"}""");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("rolledBackFrom").GetInt32());
        Assert.Equal("off", body.GetProperty("definition").GetProperty("defaultVariant").GetString());
        Assert.Equal("back to off", body.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task RollbackToMissingVersion_IsNotFound()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PostAsync(flags.FlagPath("banner") + "/rollback", """{"version": 9}""");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RollbackWithoutVersion_IsBadRequest()
    {
        var flags = await AtVersionTwoAsync();

        using var response = await flags.PostAsync(flags.FlagPath("banner") + "/rollback", """{"version": "1"}""");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<FlagScope> AtVersionTwoAsync()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("banner", FlagScope.Toggle);
        await flags.WriteAsync("banner", On);

        return flags;
    }
}
