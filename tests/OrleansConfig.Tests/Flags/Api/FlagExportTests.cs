using System.Net;
using System.Text.Json;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Formats;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary><c>GET …/flags/export</c>: a flagd file that flagd loads and that imports back unchanged.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagExportTests(ApiClusterFixture fixture)
{
    private static readonly Lazy<string> s_loader = new(InstallLoader);

    [Fact]
    public async Task Export_IsFlagdFileWithSchema()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(flags, FlagFileFixtures.Shop);

        var text = await flags.ExportAsync();
        var read = FlagdReader.ReadFlagSet(text);

        Assert.Equal("https://flagd.dev/schema/v0/flags.json", read.Definition?.Schema);
        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], read.Definition!.Flags.Keys);
        Assert.DoesNotContain(read.Problems, p => p.Severity == FlagProblemSeverity.Error);
    }

    [Fact]
    public async Task Export_LeavesArchivedOutUnlessAsked()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(flags, FlagFileFixtures.Shop);
        using var archive = await flags.PostAsync(flags.FlagPath("legacy-search") + "/archive", null);
        await HttpAssert.StatusAsync(archive, HttpStatusCode.OK);

        var live = FlagdReader.ReadFlagSet(await flags.ExportAsync()).Definition!;
        var all = FlagdReader.ReadFlagSet(await flags.ExportAsync("?includeArchived=true")).Definition!;

        Assert.Equal(["banner-color", "new-checkout"], live.Flags.Keys);
        Assert.Equal(["banner-color", "legacy-search", "new-checkout"], all.Flags.Keys);
    }

    [Fact]
    public async Task ExportWithoutExtras_HasFlagdMembersOnly()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(flags, FlagFileFixtures.Shop);

        var exported = FlagdReader.ReadFlagSet(await flags.ExportAsync("?extras=false")).Definition!;
        var banner = exported.Flags["banner-color"];

        Assert.Empty(banner.AdditionalProperties);
        Assert.Equal("blue", banner.DefaultVariant);
    }

    [Fact]
    public async Task ExportThenImport_YieldsSameFlags()
    {
        var source = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(source, FlagFileFixtures.Shop);
        await source.WriteAsync("dark-mode", FlagScope.With(FlagScope.Toggle,
            "\"tags\": [\"ui\"], \"expectedLifetimeDays\": 12, \"owner\": \"web\""));
        var target = await FlagScope.CreateAsync(fixture);

        var exported = await source.ExportAsync();
        var result = await FlagImportTests.ImportAsync(target, exported);
        var again = await FlagImportTests.ImportAsync(source, exported);

        Assert.Equal(4, result.GetProperty("created").GetArrayLength());
        Assert.Equal(4, again.GetProperty("unchanged").GetArrayLength());
        Assert.Equal(await DefinitionsAsync(source), await DefinitionsAsync(target));
    }

    [RealFixturesTheory]
    [MemberData(nameof(FlagImportTests.RealFiles), MemberType = typeof(FlagImportTests))]
    public async Task RealFile_RoundTripsThroughExport(string path, int count)
    {
        var source = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(source, FlagImportTests.RealFile(path));
        var target = await FlagScope.CreateAsync(fixture);

        var result = await FlagImportTests.ImportAsync(target, await source.ExportAsync());

        Assert.Equal(count, result.GetProperty("created").GetArrayLength());
        Assert.Equal(await DefinitionsAsync(source), await DefinitionsAsync(target));
    }

    [NodeFact]
    public async Task Export_LoadsInFlagdCoreStrictly()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await FlagImportTests.ImportAsync(flags, FlagFileFixtures.Shop);
        var file = Path.Combine(Path.GetTempPath(), $"oc-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await flags.ExportAsync());

        try
        {
            var output = ExternalTool.Run("node", $"load.js \"{file}\"", s_loader.Value, TimeSpan.FromMinutes(1));

            Assert.Equal(["banner-color", "legacy-search", "new-checkout"],
                JsonSerializer.Deserialize<string[]>(output) ?? []);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Returns each flag's key and stored definition as one JSON text, for comparing environments.</summary>
    private static async Task<string> DefinitionsAsync(FlagScope flags)
    {
        using var response = await flags.GetAsync(flags.FlagsPath);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var definitions = body.GetProperty("flags").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("definition"));

        return JsonSerializer.Serialize(definitions);
    }

    private static string InstallLoader()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "flagd-differential");
        ExternalTool.Run("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));

        return folder;
    }
}
