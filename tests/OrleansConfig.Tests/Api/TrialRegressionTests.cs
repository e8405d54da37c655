using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// Requests from a newcomer's trial of the api that once returned 500, an empty 4xx, or the
/// wrong status. Each must now get the documented response.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class TrialRegressionTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task InvalidUtf8Body_Returns400NamingByte()
    {
        var scope = await fixture.CreateScopeAsync();
        var body = new ByteArrayContent([.. "{\"value\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await scope.Http.PutAsync(scope.KeyPath("Bad"), body);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8 text at byte 11", detail);
    }

    [Fact]
    public async Task DotenvExportOfTypedValues_ReimportsUnchanged()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.ImportAsync("json", """
            {"Port": 9007199254740993, "Ratio": 0.1, "On": true, "None": null, "Empty": {}, "Name": "x",
             "Limits": {"Rate": 10}}
            """);
        await HttpAssert.StatusAsync(await scope.PutAsync("Shape", """{"a": [1, 2]}"""), HttpStatusCode.Created);
        var exported = await scope.ExportAsync("dotenv");

        var result = await scope.ImportAsync("dotenv", exported);

        Assert.True(result.GetProperty("created").GetInt32() == 0, $"{result}\n{exported}");
        Assert.True(result.GetProperty("updated").GetInt32() == 0, $"{result}\n{exported}");
        Assert.Equal(8, result.GetProperty("unchanged").GetInt32());
    }

    [Theory]
    [InlineData("/versions?limit=abc", "limit=abc")]
    [InlineData("/versions?before=1.5", "before=1.5")]
    [InlineData("?version=abc", "version=abc")]
    public async Task UnboundQueryValue_NamesValue(string suffix, string expected)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.PutAsync("Key", "1");

        using var response = await scope.GetAsync(scope.KeyPath("Key") + suffix);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, detail);
        Assert.DoesNotContain("Nullable", detail);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task VersionsBeforeBelowOne_Returns400(string before)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.PutAsync("Key", "1");

        using var response = await scope.GetAsync(scope.KeyPath("Key") + "/versions?before=" + before);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WeakIfMatch_Returns400()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.PutAsync("Key", "1");

        using var response = await scope.PutAsync("Key", "2", new Header("If-Match", "W/\"1\""));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("weak", detail);
    }

    [Fact]
    public async Task DoubleEncodedSlash_IsNotASlash()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Put, scope.SnapshotPath + "/a%252Fb",
            ApiScope.ValueBody("1"));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'%'", detail);
    }

    [Fact]
    public async Task EncodedSlash_IsASlash()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Put, scope.SnapshotPath + "/a%2Fb",
            ApiScope.ValueBody("1"));

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("a/b", body.GetProperty("key").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Returns404WithDetail()
    {
        using var response = await fixture.Http.GetAsync("/v1/nothing-here");

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/openapi/v1.json", detail);
    }

    [Fact]
    public async Task WrongMethod_Returns405WithDetail()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Patch, scope.KeyPath("Key"), ApiScope.ValueBody("1"));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("PATCH", detail);
    }
}
