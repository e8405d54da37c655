using System.Net;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>Archive, restore and the stale mark over HTTP, and how the listing shows them.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagLifecycleApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Archive_HidesFlagFromListing()
    {
        var flags = await WithTwoFlagsAsync();

        using var archive = await flags.PostAsync(flags.FlagPath("old") + "/archive", null);
        var body = await HttpAssert.JsonAsync(archive, HttpStatusCode.OK);

        Assert.Equal("archived", body.GetProperty("lifecycle").GetString());
        Assert.Equal("archive", body.GetProperty("action").GetString());
        Assert.Equal(["new"], await flags.ListKeysAsync());
        Assert.Equal(["new", "old"], await flags.ListKeysAsync("?includeArchived=true"));
        Assert.Equal(["old"], await flags.ListKeysAsync("?lifecycle=archived"));
    }

    [Fact]
    public async Task PutToArchivedFlag_IsConflictNamingRestore()
    {
        var flags = await WithTwoFlagsAsync();
        using var archive = await flags.PostAsync(flags.FlagPath("old") + "/archive", null);
        await HttpAssert.StatusAsync(archive, HttpStatusCode.OK);

        using var response = await flags.PutAsync("old", FlagScope.Toggle.Replace("\"off\"}", "\"on\"}"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Contains("restore", detail, StringComparison.Ordinal);
        Assert.Equal(2, (await flags.ReadAsync("old")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Restore_BringsFlagBack()
    {
        var flags = await WithTwoFlagsAsync();
        using var archive = await flags.PostAsync(flags.FlagPath("old") + "/archive", """{"comment": "done"}""");
        await HttpAssert.StatusAsync(archive, HttpStatusCode.OK);

        using var restore = await flags.PostAsync(flags.FlagPath("old") + "/restore", null);
        var body = await HttpAssert.JsonAsync(restore, HttpStatusCode.OK);
        var put = await flags.WriteAsync("old", FlagScope.Toggle.Replace("\"off\"}", "\"on\"}"));

        Assert.Equal("active", body.GetProperty("lifecycle").GetString());
        Assert.Equal("restore", body.GetProperty("action").GetString());
        Assert.Equal(["new", "old"], await flags.ListKeysAsync());
        Assert.Equal(4, put.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ArchiveTwice_ChangesNothing()
    {
        var flags = await WithTwoFlagsAsync();
        using var first = await flags.PostAsync(flags.FlagPath("old") + "/archive", null);
        await HttpAssert.StatusAsync(first, HttpStatusCode.OK);

        using var second = await flags.PostAsync(flags.FlagPath("old") + "/archive", null);
        var body = await HttpAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.False(body.GetProperty("changed").GetBoolean());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task MarkStale_ShowsInStaleFilter()
    {
        var flags = await WithTwoFlagsAsync();

        using var response = await flags.PostAsync(flags.FlagPath("old") + "/lifecycle", """{"lifecycle": "stale"}""");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("stale", body.GetProperty("lifecycle").GetString());
        Assert.Equal(["old"], await flags.ListKeysAsync("?lifecycle=stale"));
        Assert.Equal(["new"], await flags.ListKeysAsync("?lifecycle=active"));
        Assert.Equal(["new", "old"], await flags.ListKeysAsync());
    }

    [Fact]
    public async Task LifecycleIfMatchStale_FailsLeavingFlag()
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(flags.FlagPath("old") + "/archive", null,
            new Header("If-Match", "\"7\""));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        Assert.Equal("active", (await flags.ReadAsync("old")).GetProperty("lifecycle").GetString());
    }

    [Theory]
    [InlineData("""{"lifecycle": "potentially-stale"}""")]
    [InlineData("""{"lifecycle": "retired"}""")]
    [InlineData("""{"state": "stale"}""")]
    public async Task InvalidLifecycle_IsBadRequest(string body)
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(flags.FlagPath("old") + "/lifecycle", body);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("restore")]
    public async Task BadArchiveBody_ShowsCommentExample(string action)
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(flags.FlagPath("old") + "/" + action, "[1]");

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("""{"comment": "optional text"}""", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("lifecycle", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveUnknownFlag_IsNotFound()
    {
        var flags = await FlagScope.UnchangingAsync(fixture);

        using var response = await flags.PostAsync(flags.FlagPath("never") + "/archive", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<FlagScope> WithTwoFlagsAsync()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("old", FlagScope.Toggle);
        await flags.WriteAsync("new", FlagScope.Toggle);

        return flags;
    }
}
