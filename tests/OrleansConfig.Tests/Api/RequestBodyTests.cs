using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// Request bodies and query strings the api must reject with problem details: values over the size limit,
/// bodies that are not the expected JSON object and query parameters that are not numbers.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class RequestBodyTests(ApiClusterFixture fixture)
{
    /// <summary>The default maximum UTF-8 size of a value's JSON text (OrleansConfig:Store:MaxValueBytes).</summary>
    private const int MaxValueBytes = 256 * 1024;

    [Theory]
    [InlineData('a')]
    [InlineData('\u00e9')]
    public async Task Value_AtSizeLimitIsAccepted(char filler)
    {
        var scope = await fixture.CreateScopeAsync();
        var value = StringOfUtf8Bytes(filler, MaxValueBytes);

        using var response = await scope.PutAsync("Large", value);
        await HttpAssert.StatusAsync(response, HttpStatusCode.Created);
        using var read = await scope.GetAsync(scope.KeyPath("Large"));
        await HttpAssert.StatusAsync(read, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await read.Content.ReadAsStringAsync());

        Assert.Equal(value, document.RootElement.GetProperty("value").GetRawText());
    }

    [Theory]
    [InlineData('a')]
    [InlineData('\u00e9')]
    public async Task Value_OverSizeLimitIsTooLarge(char filler)
    {
        var scope = await fixture.CreateScopeAsync();
        var value = StringOfUtf8Bytes(filler, MaxValueBytes + 1);

        using var response = await scope.PutAsync("Large", value);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var snapshot = await scope.ReadSnapshotAsync();

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains(string.Create(invariant, $"{MaxValueBytes + 1:N0} bytes"), detail,
            StringComparison.Ordinal);
        Assert.Contains(string.Create(invariant, $"limit is {MaxValueBytes:N0} bytes"), detail,
            StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Fact]
    public async Task Body_OverRequestLimitIsTooLarge()
    {
        var scope = await fixture.CreateScopeAsync();
        var value = StringOfUtf8Bytes('a', 3 * MaxValueBytes);

        using var response = await scope.PutAsync("Large", value);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Matches(@"endpoint's limit of [0-9,]+ bytes", detail);
    }

    [Fact]
    public async Task Body_ByteOrderMarkIsSkipped()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, "\uFEFF{\"value\": 7}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("7", (await scope.ReadAsync("Broken")).GetProperty("value").GetRawText());
    }

    [Theory]
    [InlineData("{\"value\": \"\\ud800\"}", "unpaired UTF-16 surrogate escape (such as \\ud800 alone) at $['value']")]
    [InlineData("{\"value\": {\"\\udc00\": 1}}", "at a member name of the object at $['value']")]
    [InlineData("{\"value\": 1, \"comment\": \"\\ud800\"}", "at $['comment']")]
    [InlineData("", "The body is empty.")]
    [InlineData("[1]", "The body is an array, not an object")]
    public async Task Body_UndecodableOrEmptyIsBadRequest(string body, string expected)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, body);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_DuplicateMemberIsNamed()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, "{\"value\": {\"a\": 1, \"a\": 2}}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("duplicate member 'a' in the object at $['value']", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_InvalidJsonNamesPosition()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, "{\n  \"value\": [1,,2]\n}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        Assert.Contains("line 2, byte 15", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_WithoutValueIsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, "{\"comment\": \"no value\"}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("no 'value' property", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_CommentNotStringIsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, "{\"value\": 1, \"comment\": 5}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("'comment'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("42")]
    [InlineData("\"value\"")]
    [InlineData("null")]
    public async Task PutBody_NotObjectIsBadRequest(string body)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PutBodyAsync(scope, body);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("not an object", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"version\": \"1\"}")]
    [InlineData("{\"version\": 1.5}")]
    [InlineData("{\"version\": 0}")]
    public async Task RollbackBody_InvalidIsBadRequest(string body)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "1");

        using var response = await scope.SendAsync(HttpMethod.Post, scope.KeyPath("Mode") + "/rollback", body);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var current = await scope.ReadAsync("Mode");

        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("?version=abc")]
    [InlineData("/versions?limit=abc")]
    [InlineData("/versions?before=abc")]
    public async Task Query_NotNumberIsBadRequest(string suffix)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "1");

        using var response = await scope.GetAsync(scope.KeyPath("Mode") + suffix);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("abc", detail, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PutBodyAsync(ApiScope scope, string body) =>
        scope.SendAsync(HttpMethod.Put, scope.KeyPath("Broken"), body);

    /// <summary>
    /// Returns a JSON string literal of exactly <paramref name="bytes"/> UTF-8 bytes, quotes included: the
    /// filler as often as it fits, then 'a' for the bytes left over.
    /// </summary>
    private static string StringOfUtf8Bytes(char filler, int bytes)
    {
        var content = bytes - 2;
        var fillerBytes = Encoding.UTF8.GetByteCount(filler.ToString());
        var count = content / fillerBytes;
        var text = "\"" + new string(filler, count) + new string('a', content - count * fillerBytes) + "\"";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));

        return text;
    }
}
