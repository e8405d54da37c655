using System.Net;
using System.Text.Json;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Formats;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary><c>POST …/flags/import</c>: whole flagd files, checked whole before anything is written.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagImportTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Import_CreatesEachFlag()
    {
        var flags = await FlagScope.CreateAsync(fixture);

        var result = await ImportAsync(flags, FlagFileFixtures.Shop);

        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], Keys(result, "created"));
        Assert.Empty(Keys(result, "updated"));
        Assert.False(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, result.GetProperty("revision").GetInt64());
        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], await flags.ListKeysAsync());
    }

    [Fact]
    public async Task Import_ResolvesRefsAndMergesMetadata()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);

        var checkout = (await flags.ReadAsync("new-checkout")).GetProperty("definition");
        var banner = (await flags.ReadAsync("banner-color")).GetProperty("definition");

        var condition = checkout.GetProperty("targeting").GetProperty("if")[0];
        Assert.Equal("@shop.example", condition.GetProperty("ends_with")[1].GetString());
        Assert.Equal("shop", checkout.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal("v2", checkout.GetProperty("metadata").GetProperty("version").GetString());
        Assert.Equal("experiment", banner.GetProperty("type").GetString());
        Assert.Equal("growth", banner.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task ImportAgain_IsAllUnchanged()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);

        var result = await ImportAsync(flags, FlagFileFixtures.Shop);

        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], Keys(result, "unchanged"));
        Assert.Empty(Keys(result, "created"));
        Assert.Equal(3, result.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task ImportMerge_KeepsFlagsTheFileLacks()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);

        var result = await ImportAsync(flags, FlagFileFixtures.ShopNext);

        Assert.Equal(["dark-mode"], Keys(result, "created"));
        Assert.Equal(["banner-color"], Keys(result, "updated"));
        Assert.Equal(["new-checkout"], Keys(result, "unchanged"));
        Assert.Empty(Keys(result, "deleted"));
        Assert.Equal(4, (await flags.ListKeysAsync()).Length);
    }

    [Fact]
    public async Task ImportReplace_DeletesFlagsTheFileLacks()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);

        var result = await ImportAsync(flags, FlagFileFixtures.ShopNext, "?mode=replace");

        Assert.Equal(["legacy-search"], Keys(result, "deleted"));
        Assert.Equal(["banner-color", "dark-mode", "new-checkout"], await flags.ListKeysAsync());
    }

    [Fact]
    public async Task ImportReplace_LeavesArchivedFlags()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);
        using var archive = await flags.PostAsync(flags.FlagPath("legacy-search") + "/archive", null);
        await HttpAssert.StatusAsync(archive, HttpStatusCode.OK);

        var result = await ImportAsync(flags, FlagFileFixtures.ShopNext, "?mode=replace");

        Assert.Empty(Keys(result, "deleted"));
        Assert.Equal(["legacy-search"], await flags.ListKeysAsync("?lifecycle=archived"));
    }

    [Fact]
    public async Task DryRun_ReturnsPlanWritingNothing()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);

        var plan = await ImportAsync(flags, FlagFileFixtures.ShopNext, "?mode=replace&dryRun=true");

        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["dark-mode"], Keys(plan, "created"));
        Assert.Equal(["banner-color"], Keys(plan, "updated"));
        Assert.Equal(["new-checkout"], Keys(plan, "unchanged"));
        Assert.Equal(["legacy-search"], Keys(plan, "deleted"));
        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], await flags.ListKeysAsync());
        Assert.Equal(1, (await flags.ReadAsync("banner-color")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task BrokenFile_IsRejectedWhole()
    {
        var flags = await FlagScope.CreateAsync(fixture);

        using var response = await flags.ImportAsync(FlagFileFixtures.Broken);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problems.Where(p => p.Severity == "error").Select(p => p.Path).ToArray();

        Assert.Contains("$['flags']['bad-default']['defaultVariant']", errors);
        Assert.Contains("$['flags']['bad-weights']['targeting']['fractional'][1][1]", errors);
        Assert.Contains("$['flags']['bad-ref']['targeting']['if'][0]", errors);
        Assert.Contains("$['flags']['bad-ref']['type']", errors);
        Assert.Contains(errors, path => path.StartsWith("$['$evaluators']['broken']", StringComparison.Ordinal));
        Assert.Equal(5, errors.Length);
        Assert.Empty(await flags.ListKeysAsync());
    }

    [Fact]
    public async Task ChangeToArchivedFlag_IsConflict()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, FlagFileFixtures.Shop);
        using var archive = await flags.PostAsync(flags.FlagPath("banner-color") + "/archive", null);
        await HttpAssert.StatusAsync(archive, HttpStatusCode.OK);

        using var response = await flags.ImportAsync(FlagFileFixtures.ShopNext);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.Conflict);

        Assert.Equal([("$['flags']['banner-color']", "error")], problems);
        Assert.Equal(["banner-color", "legacy-search", "new-checkout"],
            await flags.ListKeysAsync("?includeArchived=true"));
    }

    [Fact]
    public async Task KeyInOtherCase_IsConflict()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("Dark-Mode", FlagScope.Toggle);

        using var response = await flags.ImportAsync(FlagFileFixtures.ShopNext);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.Conflict);

        Assert.Equal([("$['flags']['dark-mode']", "error")], problems);
        Assert.Equal(["Dark-Mode"], await flags.ListKeysAsync());
    }

    [Theory]
    [InlineData("""{"flags": {"bad key": {"state": "ENABLED", "variants": {"on": true}}}}""", "$['flags']['bad key']")]
    [InlineData("""{"flags": {"export": {"state": "ENABLED", "variants": {"on": true}}}}""", "$['flags']['export']")]
    [InlineData("""{"flags": {"a": {"state": "ENABLED", "variants": {"on": true}}, "A": {"state": "ENABLED", """
        + """ "variants": {"on": true}}}}""", "$['flags']['A']")]
    [InlineData("""{"flag": {}}""", "$['flags']")]
    [InlineData("""{"flags": {"a": {"state": "ENABLED", "variants": {"on": true}, "tags": "web"}}}""",
        "$['flags']['a']['tags']")]
    public async Task InvalidFile_NamesPath(string file, string path)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.ImportAsync(file);
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Contains((path, "error"), problems);
    }

    [Theory]
    [InlineData("""{"flags": """, HttpStatusCode.BadRequest)]
    [InlineData("""[{"flags": {}}]""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"flags": {"a": {"state": "ENABLED"}, "a": {"state": "DISABLED"}}}""", HttpStatusCode.BadRequest)]
    public async Task FileThatIsNoFlagdObject_IsRejected(string file, HttpStatusCode status)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.ImportAsync(file);
        var problems = await FlagScope.ProblemsAsync(response, status);

        Assert.Equal([("$", "error")], problems);
    }

    [Fact]
    public async Task TruncatedFile_DetailIsTheSyntaxError()
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.ImportAsync("""{"flags": {"a": """);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The file is not valid JSON at line 1, byte ", detail, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByteOrderMark_IsSkipped()
    {
        var flags = await FlagScope.CreateAsync(fixture);

        using var response = await flags.ImportAsync("\uFEFF{\"flags\": {\"bom\": " + FlagScope.Toggle + "}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["bom"], await flags.ListKeysAsync());
    }

    [Theory]
    [InlineData("?mode=overwrite")]
    [InlineData("?dryRun=maybe")]
    public async Task InvalidOption_IsBadRequest(string query)
    {
        var flags = await FlagScope.EmptyAsync(fixture);

        using var response = await flags.ImportAsync(FlagFileFixtures.Shop, query);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await flags.ListKeysAsync());
    }

    public static TheoryData<string, int> RealFiles => new()
    {
        { "flagd/flagd-cheat-sheet-flags.json", 9 },
        { "flagd/flagd-example-flags.flagd.json", 9 },
        { "flagd/otel-demo.flagd.json", 15 },
    };

    [RealFixturesTheory]
    [MemberData(nameof(RealFiles))]
    public async Task RealFile_ImportsEveryFlag(string path, int count)
    {
        var flags = await FlagScope.CreateAsync(fixture);

        var result = await ImportAsync(flags, RealFile(path));

        Assert.Equal(count, Keys(result, "created").Length);
        Assert.Equal(count, (await flags.ListKeysAsync()).Length);
    }

    [RealFixturesFact]
    public async Task RealFileWithUnknownVariants_IsRejected()
    {
        var flags = await FlagScope.CreateAsync(fixture);

        // Two rules of this file return "fail", which no variant of their flag is named.
        using var response = await flags.ImportAsync(RealFile("flagd/flagd-schemas-full.json"));
        var problems = await FlagScope.ProblemsAsync(response, HttpStatusCode.UnprocessableEntity);

        Assert.Equal(
            [
                ("$['flags']['equal-greater-lesser-version-flag']['targeting']['if'][2]['if'][2]['if'][2]['if'][1]",
                    "error"),
                ("$['flags']['starts-ends-flag']['targeting']['if'][2]['if'][2]['if'][1]", "error"),
            ],
            problems.Order().ToArray());
        Assert.Empty(await flags.ListKeysAsync());
    }

    [RealFixturesFact]
    public async Task RealFile_KeepsFlagSetMetadata()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await ImportAsync(flags, RealFile("flagd/flagd-example-flags.flagd.json"));

        var metadata = (await flags.ReadAsync("myBoolFlag")).GetProperty("definition").GetProperty("metadata");

        Assert.Equal("example", metadata.GetProperty("flagSetId").GetString());
        Assert.Equal("v2", metadata.GetProperty("version").GetString());
    }

    internal static string RealFile(string path) =>
        File.ReadAllText(Path.Combine(RealFixtures.Folder!, path));

    internal static async Task<JsonElement> ImportAsync(FlagScope flags, string file, string query = "")
    {
        using var response = await flags.ImportAsync(file, query);

        return await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    private static string[] Keys(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(k => k.GetString()!).ToArray();
}
