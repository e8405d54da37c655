using System.Net;
using System.Text;
using OrleansConfig.Flags;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>Request bodies an OFREP client may send, good and bad: bad ones get 400 in the OFREP shape.</summary>
[Collection(OfrepApiCollection.Name)]
public sealed class OfrepRequestTests(OfrepApiFixture fixture) : IAsyncLifetime
{
    private const string Flag = "body-flag";

    private OfrepClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await fixture.CreateEnvironmentAsync();
        await fixture.PutFlagAsync(_client, Flag,
            """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""");
    }

    public Task DisposeAsync()
    {
        _client.Dispose();

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"context": null}""")]
    [InlineData("""{"context": {}, "extra": [1, 2]}""")]
    public async Task BodyWithoutContext_EvaluatesEmptyContext(string? body)
    {
        using var response = await _client.EvaluateAsync(Flag, body);

        var json = await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(json.GetProperty("value").GetBoolean());
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"context": {"a": 1},}""", "not valid JSON")]
    [InlineData("[1, 2]", "JSON array")]
    [InlineData("42", "JSON number")]
    [InlineData("""{"context": "user-1"}""", "'context' is a JSON string")]
    [InlineData("""{"context": [{"targetingKey": "u"}]}""", "'context' is a JSON array")]
    [InlineData("""{"context": {"plan": "a", "plan": "b"}}""", "duplicate member 'plan' in the object at $['context']")]
    public async Task MalformedBody_Returns400InvalidContext(string body, string expected)
    {
        using var single = await _client.EvaluateAsync(Flag, body);
        using var bulk = await _client.EvaluateAllAsync(body);

        var details = await OfrepAssert.FailureAsync(single, HttpStatusCode.BadRequest,
            FlagErrorCode.InvalidContext, Flag);
        Assert.Contains(expected, details, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", details, StringComparison.Ordinal);
        await OfrepAssert.FailureAsync(bulk, HttpStatusCode.BadRequest, FlagErrorCode.InvalidContext);
    }

    [Fact]
    public async Task ByteOrderMark_IsSkipped()
    {
        using var response = await _client.EvaluateAsync(Flag, "\uFEFF{\"context\": {\"targetingKey\": \"u\"}}");

        var json = await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(json.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task InvalidUtf8InContext_Returns400()
    {
        var body = Encoding.UTF8.GetBytes("""{"context": {"targetingKey": "user-1"}}""");
        body[30] = 0xC3;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{OfrepClient.FlagsPath}/{Flag}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.Add("X-Namespace", _client.Namespace);
        request.Headers.Add("X-Environment", _client.Environment);

        using var response = await _client.Http.SendAsync(request);

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest,
            FlagErrorCode.InvalidContext, Flag);
        Assert.Contains("not valid UTF-8 at byte 31", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepContext_NamesDepthLimit()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70));

        using var response = await _client.EvaluateAsync(Flag, "{\"context\": {\"deep\": " + nested + "}}");

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest,
            FlagErrorCode.InvalidContext, Flag);
        Assert.Contains("is nested more than 64 levels deep", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkNonStringTargetingKey_Returns400InvalidContext()
    {
        using var response = await _client.EvaluateAllAsync("""{"context": {"targetingKey": {"id": 1}}}""");

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest,
            FlagErrorCode.InvalidContext);
        Assert.Contains("targeting key", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Returns400()
    {
        var padding = new string('x', 300 * 1024);

        using var response = await _client.EvaluateAsync(Flag, $$$"""{"context": {"pad": "{{{padding}}}"}}""");

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest,
            FlagErrorCode.InvalidContext, Flag);
        Assert.Contains("256 KiB", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OddBodies_NeverReturn5xx()
    {
        string[] bodies =
        [
            "null", "true", "\"text\"", "{\"context\": {\"targetingKey\": null}}", "\u0000",
            "{\"context\": {\"$flagd\": {\"timestamp\": \"now\"}}}", "{\"context\": {\"targetingKey\": \"\\ud800\"}}",
            "{\"context\": {\"\\ud800\": 1}}", "{\"context\": {\"a\": [\"\\udc00\"]}}",
            new string('[', 2000) + new string(']', 2000), "{\"context\": {\"n\": 1e400}}",
        ];
        var failures = new List<string>();

        foreach (var body in bodies)
        {
            using var single = await _client.EvaluateAsync(Flag, body);
            using var bulk = await _client.EvaluateAllAsync(body);
            foreach (var response in new[] { single, bulk })
            {
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{response.RequestMessage!.RequestUri} with {body[..Math.Min(40, body.Length)]}: "
                        + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task FlagKeyWithEscapes_Returns404()
    {
        using var response = await _client.EvaluateAsync("body flag");

        await OfrepAssert.FailureAsync(response, HttpStatusCode.NotFound, FlagErrorCode.FlagNotFound, "body flag");
    }
}
