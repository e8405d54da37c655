using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>PUT, GET and DELETE of single flags against real silo and api processes.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagCrudTests(ApiClusterFixture fixture)
{
    private const string Described = """
        {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
         "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]},
         "metadata": {"team": "checkout"},
         "description": "New checkout page", "owner": "checkout-team", "tags": ["checkout", "web"],
         "type": "experiment", "expectedLifetimeDays": 30}
        """;

    [Fact]
    public async Task Put_NewFlagIsCreated()
    {
        var flags = await FlagScope.CreateAsync(fixture);

        using var response = await flags.PutAsync("new-checkout", Described);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(flags.FlagPath("new-checkout"), response.Headers.Location?.OriginalString);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.True(body.GetProperty("changed").GetBoolean());
        Assert.Equal(0, body.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Get_ReturnsDocumentAndLifecycle()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        var written = await flags.WriteAsync("new-checkout", Described);

        var body = await flags.ReadAsync("new-checkout");
        var definition = body.GetProperty("definition");

        Assert.True(JsonElement.DeepEquals(written.GetProperty("definition"), definition), definition.ToString());
        Assert.Equal("New checkout page", definition.GetProperty("description").GetString());
        Assert.Equal("checkout-team", definition.GetProperty("owner").GetString());
        Assert.Equal("experiment", definition.GetProperty("type").GetString());
        Assert.Equal("@example.com",
            definition.GetProperty("targeting").GetProperty("if")[0].GetProperty("ends_with")[1].GetString());
        Assert.Equal("active", body.GetProperty("lifecycle").GetString());
        Assert.Equal(30, body.GetProperty("age").GetProperty("expectedLifetimeDays").GetInt32());
        Assert.Equal(body.GetProperty("updatedAt").GetDateTimeOffset(),
            body.GetProperty("age").GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(body.GetProperty("updatedAt").GetDateTimeOffset().AddDays(30),
            body.GetProperty("age").GetProperty("staleAfter").GetDateTimeOffset());
        Assert.Contains(fixture.Cluster.AdminKeyId, body.GetProperty("author").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PermanentFlagHasNoStaleTime()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("kill", FlagScope.With(FlagScope.Toggle, "\"type\": \"kill-switch\""));

        var age = (await flags.ReadAsync("kill")).GetProperty("age");

        Assert.Equal(JsonValueKind.Null, age.GetProperty("expectedLifetimeDays").ValueKind);
        Assert.Equal(JsonValueKind.Null, age.GetProperty("staleAfter").ValueKind);
    }

    [Fact]
    public async Task Put_ChangeMakesVersionTwo()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        var first = await flags.WriteAsync("banner", FlagScope.Toggle);

        using var response = await flags.PutAsync("banner", FlagScope.Toggle.Replace("\"off\"}", "\"on\"}"));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("on", body.GetProperty("definition").GetProperty("defaultVariant").GetString());
        Assert.Equal(first.GetProperty("age").GetProperty("createdAt").GetDateTimeOffset(),
            body.GetProperty("age").GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Put_SameDocumentChangesNothing()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("banner", FlagScope.Toggle);

        var body = await flags.WriteAsync("banner", FlagScope.Toggle);

        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.False(body.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Put_CommentIsKeptOnTheVersion()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        using var put = await flags.PutAsync("banner?comment=first%20cut", FlagScope.Toggle);
        await HttpAssert.StatusAsync(put, HttpStatusCode.Created);

        var body = await flags.ReadAsync("banner");

        Assert.Equal("first cut", body.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Put_WarningsAreReturnedWithTheWrite()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        var document = FlagScope.With(FlagScope.Toggle, "\"color\": \"blue\", \"lifecycle\": \"archived\"");

        var body = await flags.WriteAsync("banner", document);
        var warnings = body.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.GetProperty("path").GetString(), w.GetProperty("severity").GetString())).ToArray();

        Assert.Equal([("$['color']", "warning"), ("$['lifecycle']", "warning")], warnings);
        Assert.Equal("active", body.GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task Delete_RemovesFlagKeepingHistory()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("banner", FlagScope.Toggle);

        using var delete = await flags.Scope.SendAsync(HttpMethod.Delete, flags.FlagPath("banner"), null);
        var deleted = await HttpAssert.JsonAsync(delete, HttpStatusCode.OK);
        using var get = await flags.GetAsync(flags.FlagPath("banner"));
        using var versions = await flags.GetAsync(flags.FlagPath("banner") + "/versions");
        var history = await HttpAssert.JsonAsync(versions, HttpStatusCode.OK);

        Assert.Equal(2, deleted.GetProperty("version").GetInt32());
        await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        Assert.True(history.GetProperty("versions")[0].GetProperty("deleted").GetBoolean());
        Assert.Empty(await flags.ListKeysAsync());
    }

    [Fact]
    public async Task Get_UnknownFlagIsNotFound()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.GetAsync(flags.FlagPath("nothing"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("'nothing' does not exist", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownEnvironmentNamesIt()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.GetAsync($"/v1/namespaces/{flags.Namespace}/environments/qa/flags/banner");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("environment 'qa'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export")]
    [InlineData("Import")]
    [InlineData("bad%20key")]
    [InlineData("-leading")]
    public async Task Put_InvalidKeyIsRejected(string key)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync(key, FlagScope.Toggle);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Put_KeyInOtherCaseIsConflict()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("Banner", FlagScope.Toggle);

        using var response = await flags.PutAsync("banner", FlagScope.Toggle.Replace("\"off\"}", "\"on\"}"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);

        Assert.Contains("'Banner'", detail, StringComparison.Ordinal);
    }
}
