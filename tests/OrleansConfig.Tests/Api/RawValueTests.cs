using System.Net;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// A value travels byte for byte: the api must not re-encode numbers beyond double precision, escapes
/// or the whitespace inside objects and arrays, on any endpoint that returns it.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class RawValueTests(ApiClusterFixture fixture)
{
    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("0.1")]
    [InlineData("1e400")]
    [InlineData("-0")]
    [InlineData("1E+2")]
    [InlineData("123456789012345678901234567890.000000000000000000001")]
    [InlineData("\"\\u00e9\"")]
    [InlineData("\"\\ud83d\\ude00 and \\/ and \\\"\"")]
    [InlineData("\"caf\u00e9\"")]
    [InlineData("{ \"b\" :[ 1 ,2.50 , {\"c\":null} ] ,\n\t\"a\":\"x\"   }")]
    [InlineData("[ ]")]
    public async Task Value_RoundTripsByteForByte(string valueJson)
    {
        var scope = await fixture.CreateScopeAsync();

        using var put = await scope.PutAsync("Raw:Value", valueJson);
        var written = await ReadValueTextAsync(put, HttpStatusCode.Created);
        using var get = await scope.GetAsync(scope.KeyPath("Raw:Value"));
        var read = await ReadValueTextAsync(get, HttpStatusCode.OK);
        using var old = await scope.GetAsync(scope.KeyPath("Raw:Value") + "?version=1");
        var readByVersion = await ReadValueTextAsync(old, HttpStatusCode.OK);

        Assert.Equal(valueJson, written);
        Assert.Equal(valueJson, read);
        Assert.Equal(valueJson, readByVersion);
        Assert.Equal(valueJson, await ReadHistoryValueTextAsync(scope));
        Assert.Equal(valueJson, await ReadSnapshotValueTextAsync(scope));
    }

    [Fact]
    public async Task Value_WhitespaceChangeIsNewVersion()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Raw:Value", "{\"a\":1}");

        var version = await scope.WriteAsync("Raw:Value", "{ \"a\": 1 }");
        using var get = await scope.GetAsync(scope.KeyPath("Raw:Value"));
        var read = await ReadValueTextAsync(get, HttpStatusCode.OK);

        Assert.Equal(2, version);
        Assert.Equal("{ \"a\": 1 }", read);
    }

    private static async Task<string> ReadValueTextAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await HttpAssert.StatusAsync(response, expected);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        return document.RootElement.GetProperty("value").GetRawText();
    }

    private static async Task<string> ReadHistoryValueTextAsync(ApiScope scope)
    {
        using var response = await scope.GetAsync(scope.KeyPath("Raw:Value") + "/versions");
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        return document.RootElement.GetProperty("versions")[0].GetProperty("value").GetRawText();
    }

    private static async Task<string> ReadSnapshotValueTextAsync(ApiScope scope)
    {
        using var response = await scope.GetAsync(scope.SnapshotPath);
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(document.RootElement.GetProperty("configs").EnumerateArray());

        return entry.GetProperty("value").GetRawText();
    }
}
