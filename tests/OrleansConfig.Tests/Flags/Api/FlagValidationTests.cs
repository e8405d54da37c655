using System.Net;
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
}
