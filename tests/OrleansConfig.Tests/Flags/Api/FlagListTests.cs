using System.Net;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary><c>GET …/flags</c>: every flag of an environment, and its filters.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagListTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task List_ReturnsEveryFlagSortedByKey()
    {
        var flags = await WithFlagsAsync();

        using var response = await flags.GetAsync(flags.FlagsPath);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var first = body.GetProperty("flags")[0];

        Assert.Equal(["checkout", "dark-mode", "Kill-Payments", "search-v2"], await flags.ListKeysAsync());
        Assert.Equal("ENABLED", first.GetProperty("definition").GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("active", first.GetProperty("lifecycle").GetString());
        Assert.True(body.GetProperty("revision").GetInt64() >= 4);
    }

    [Theory]
    [InlineData("?tag=web", new[] { "checkout", "dark-mode" })]
    [InlineData("?tag=web&tag=payments", new[] { "checkout" })]
    [InlineData("?tag=web,payments", new[] { "checkout" })]
    [InlineData("?tag=WEB,Payments", new[] { "checkout" })]
    [InlineData("?type=kill-switch", new[] { "Kill-Payments" })]
    [InlineData("?type=experiment,kill-switch", new[] { "Kill-Payments", "search-v2" })]
    [InlineData("?owner=Payments-Team", new[] { "checkout", "Kill-Payments" })]
    [InlineData("?state=disabled", new[] { "dark-mode" })]
    [InlineData("?prefix=KILL", new[] { "Kill-Payments" })]
    [InlineData("?lifecycle=potentially-stale", new string[0])]
    [InlineData("?tag=none", new string[0])]
    public async Task List_FiltersFlags(string query, string[] expected)
    {
        var flags = await FlagScope.SharedAsync(fixture, "listing", FillAsync);

        Assert.Equal(expected, await flags.ListKeysAsync(query));
    }

    [Theory]
    [InlineData("?type=forever")]
    [InlineData("?lifecycle=retired")]
    [InlineData("?state=on")]
    [InlineData("?includeArchived=yes")]
    public async Task List_InvalidFilterIsBadRequest(string query)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.GetAsync(flags.FlagsPath + query);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(query[1..query.IndexOf('=', StringComparison.Ordinal)], detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownEnvironmentIsNotFound()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.GetAsync($"/v1/namespaces/{flags.Namespace}/environments/qa/flags");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_LeavesConfigurationOut()
    {
        var flags = await WithFlagsAsync();
        await flags.Scope.WriteAsync("Features:Checkout", "true");

        Assert.Equal(4, (await flags.ListKeysAsync()).Length);
    }

    private async Task<FlagScope> WithFlagsAsync()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await FillAsync(flags);

        return flags;
    }

    private static async Task FillAsync(FlagScope flags)
    {
        await flags.WriteAsync("checkout", FlagScope.With(FlagScope.Toggle,
            "\"tags\": [\"web\", \"payments\"], \"owner\": \"payments-team\""));
        await flags.WriteAsync("dark-mode", FlagScope.With(FlagScope.Toggle.Replace("ENABLED", "DISABLED"),
            "\"tags\": [\"web\"]"));
        await flags.WriteAsync("Kill-Payments", FlagScope.With(FlagScope.Toggle,
            "\"type\": \"kill-switch\", \"owner\": \"payments-team\""));
        await flags.WriteAsync("search-v2", FlagScope.With(FlagScope.Toggle, "\"type\": \"experiment\""));
    }
}
