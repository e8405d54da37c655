using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>
/// Invalid flag documents are rejected before anything is written, with every problem at its JSONPath.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagValidationTests(ApiClusterFixture fixture)
{
    private const string Toggle = """ "state": "ENABLED", "variants": {"on": true, "off": false}""";

    private const string Numbers = """ "state": "ENABLED", "variants": {"a": 1, "b": 2}, "defaultVariant": "a" """;

    public static TheoryData<string, string> Invalid => new()
    {
        // A default variant that does not exist.
        { """{"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "of"}""", "$['defaultVariant']" },
        // A rule that returns a variant that does not exist.
        {
            "{" + Toggle + """, "targeting": {"if": [{"==": [{"var": "tier"}, "gold"]}, "on", "gold"]}}""",
            "$['targeting']['if'][2]"
        },
        // Weights that are not non-negative integers.
        {
            "{" + Numbers + """, "targeting": {"fractional": [{"var": "email"}, ["a", -5], ["b", 105]]}}""",
            "$['targeting']['fractional'][1][1]"
        },
        {
            "{" + Numbers + """, "targeting": {"fractional": [["a", 50], ["b", 49.5]]}}""",
            "$['targeting']['fractional'][1][1]"
        },
        // Weights that are all 0, so the rule selects no variant.
        {
            "{" + Numbers + """, "targeting": {"fractional": [{"var": "email"}, ["a", 0], ["b", 0]]}}""",
            "$['targeting']['fractional']"
        },
        // An array in place of a rule, which JSONLogic returns as data.
        { "{" + Toggle + """, "targeting": [["on"]]}""", "$['targeting']" },
        // A $ref to nothing: a single flag has no $evaluators.
        { "{" + Toggle + """, "targeting": {"if": [{"$ref": "isStaff"}, "on", "off"]}}""", "$['targeting']['if'][0]" },
        { """{"state": "on", "variants": {"on": true}}""", "$['state']" },
        { """{"state": "ENABLED", "variants": [true, false]}""", "$['variants']" },
        { """{"state": "ENABLED", "variants": {"on": true}, "tags": ["ok", 7]}""", "$['tags'][1]" },
        { """{"state": "ENABLED", "variants": {"on": true}, "type": "forever"}""", "$['type']" },
        {
            """{"state": "ENABLED", "variants": {"on": true}, "expectedLifetimeDays": 0}""",
            "$['expectedLifetimeDays']"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Put_InvalidDocumentNamesPath(string document, string path)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync("checked", document);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Equal([(path, "error")], problems);
        Assert.Empty(await flags.ListKeysAsync());
    }

    [Fact]
    public async Task Put_ListsEveryProblem()
    {
        var flags = await FlagScope.EmptyAsync(fixture);
        const string Document = """
            {"state": "ENABLED", "variants": {"on": true, "off": "no"}, "defaultVariant": "maybe",
             "targeting": {"fractional": [["on", -1], ["gone", 1]]}, "owner": 12, "colour": "red"}
            """;

        using var response = await flags.PutAsync("checked", Document);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.UnprocessableEntity);

        (string, string)[] expected =
        [
            ("$['colour']", "warning"),
            ("$['defaultVariant']", "error"),
            ("$['owner']", "error"),
            ("$['targeting']['fractional'][0][1]", "error"),
            ("$['targeting']['fractional'][1][0]", "error"),
            ("$['variants']['off']", "warning"),
        ];
        Assert.Equal(expected, problems.Order().ToArray());
        Assert.Equal("error", problems[0].Severity);
        Assert.Equal("warning", problems[^1].Severity);
    }

    [Fact]
    public async Task Put_ProblemDetailNamesFirstError()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync("checked",
            """{"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "of"}""");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("$['defaultVariant']", detail, StringComparison.Ordinal);
        Assert.Contains("'of'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"state\": ")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task Put_BodyThatIsNoObjectIsBadRequest(string body)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync("checked", body);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"state": "ENABLED", "state": "DISABLED"}""", "duplicate member 'state' in the object at $;")]
    [InlineData("""{"variants": {"on": true, "on": false}}""", "duplicate member 'on' in the object at $['variants']")]
    public async Task Put_DuplicateMemberIsBadRequest(string body, string expected)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync("checked", body);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Empty(await flags.ListKeysAsync());
    }

    [Fact]
    public async Task Put_DeepRuleIsStored()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        var rule = "\"on\"";
        for (var i = 0; i < 80; i++)
        {
            rule = $$"""{"if": [true, {{rule}}, "off"]}""";
        }

        var document = FlagScope.With(FlagScope.Toggle, "\"targeting\": " + rule);
        using var response = await flags.PutAsync("deep-rule", document);
        using var tooDeep = await flags.PutAsync("too-deep", FlagScope.With(FlagScope.Toggle,
            "\"metadata\": {\"a\": " + new string('[', 300) + new string(']', 300) + "}"));

        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var read = await flags.GetAsync(flags.FlagPath("deep-rule"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync(),
            new JsonDocumentOptions { MaxDepth = 256 });
        var targeting = stored.RootElement.GetProperty("definition").GetProperty("targeting");
        Assert.Equal(JsonValueKind.Object, targeting.ValueKind);
        Assert.Contains("deep-rule", await flags.ExportAsync(), StringComparison.Ordinal);
        var detail = await HttpAssert.ProblemAsync(tooDeep, HttpStatusCode.BadRequest);
        Assert.Contains("is nested more than 256 levels deep", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_EncodedSlashInKeyIsNamed()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.PutAsync("team%2Fbanner", FlagScope.Toggle);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'/' (sent as %2F) at position 5", detail, StringComparison.Ordinal);
    }
}
