using System.Net;
using OrleansConfig.Tests.Formats;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// Imports each real-world file of the fixture folder (<see cref="RealFixtures"/>) through HTTP into a fresh
/// environment and pins its outcome: its key count and an unchanged export round trip, or a 400 and why.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class RealFixtureImportTests(ApiClusterFixture fixture)
{
    private const string TopLevelArray = "The top level of the JSON file is an array";

    /// <summary>
    /// Files that import, with the 1-based YAML document to select and the number of keys: the same
    /// table the file reader's tests use, so the two layers cannot disagree on an outcome.
    /// </summary>
    public static TheoryData<string, int?, int> ImportedFiles => Formats.RealFixtureTests.ImportedFiles;

    /// <summary>Files rejected as a whole, with the start of the problem detail.</summary>
    public static TheoryData<string, string> RejectedFiles => new()
    {
        { "json/jsonschema-bignum.json", TopLevelArray },
        { "json/jsonschema-idn-hostname.json", TopLevelArray },
        {
            "yaml/petclinic-api-gateway-application.yml",
            "The file contains 2 YAML documents; choose one by adding ?document=N with N from 1 to 2."
        },
        {
            "yaml/petclinic-config-application.yml",
            "The file contains 4 YAML documents; choose one by adding ?document=N with N from 1 to 4."
        },
        {
            "flagd/flagd-cheat-sheet-flags.json",
            "The file contains 4 invalid keys. The key 'flags:user-tier-flag:targeting:if:0:===:0:var' "
            + "contains '=' at position 37"
        },
        {
            "flagd/flagd-example-flags.flagd.json",
            "The file contains 2 invalid keys. The key 'flags:isColorYellow:targeting:if:0:==:0:var:0' "
            + "contains '=' at position 36"
        },
        {
            "flagd/flagd-schemas-full.json",
            "The file contains 12 invalid keys. The key 'flags:context-aware:targeting:if:0:and:0:==:0:var:0' "
            + "contains '=' at position 42"
        },
        {
            "flagd/otel-demo.flagd.json",
            "The file contains 14 invalid keys. The key 'flags:cartFailure:variants:10%' contains '%' at position 30"
        },
    };

    [RealFixturesTheory]
    [MemberData(nameof(ImportedFiles))]
    public async Task RealFile_ImportsAndRoundTrips(string path, int? document, int keyCount)
    {
        var scope = await fixture.CreateScopeAsync();
        var format = FormatOf(path);

        using var response = await PostFixtureAsync(scope, path, document);
        var result = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal(keyCount, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(0, result.GetProperty("unchanged").GetInt32());
        Assert.Equal(keyCount, snapshot.GetProperty("configs").GetArrayLength());
        Assert.Equal(keyCount, snapshot.GetProperty("revision").GetInt64());

        // A dotenv export writes numbers and objects as text, so only dotenv files round-trip through it.
        string[] exportFormats = format == "dotenv" ? ["dotenv"] : ["json", "yaml"];
        foreach (var exportFormat in exportFormats)
        {
            var exported = await scope.ExportAsync(exportFormat);
            var again = await scope.ImportAsync(exportFormat, exported);

            Assert.Equal(0, again.GetProperty("created").GetInt32());
            Assert.Equal(0, again.GetProperty("updated").GetInt32());
            Assert.Equal(keyCount, again.GetProperty("unchanged").GetInt32());
            Assert.Equal(keyCount, again.GetProperty("revision").GetInt64());
        }
    }

    [RealFixturesTheory]
    [MemberData(nameof(RejectedFiles))]
    public async Task RealFile_RejectedImportsNothing(string path, string expectedDetail)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PostFixtureAsync(scope, path, document: null);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.StartsWith(expectedDetail, detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(0, snapshot.GetProperty("configs").GetArrayLength());
    }

    [RealFixturesFact]
    public async Task RealFile_ValuesArriveAsWritten()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PostFixtureAsync(scope, "appsettings/serilog-sample.appsettings.json", null);
        await HttpAssert.StatusAsync(response, HttpStatusCode.OK);
        var name = await scope.ReadAsync("Serilog:WriteTo:Sublogger:Name");
        var filter = await scope.ReadAsync("Serilog:FilterSwitches:$filterSwitch");

        Assert.Equal("\"Logger\"", name.GetProperty("value").GetRawText());
        Assert.Equal("\"Application = 'Sample'\"", filter.GetProperty("value").GetRawText());
    }

    [RealFixturesFact]
    public void RealFixtures_EachFileHasExpectedOutcome()
    {
        var folder = RealFixtures.Folder!;
        var pinned = ImportedFiles.Select(row => (string)row[0])
            .Concat(RejectedFiles.Select(row => (string)row[0]))
            .ToHashSet(StringComparer.Ordinal);

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Where(file => file.Contains('/', StringComparison.Ordinal));

        Assert.All(files, file => Assert.Contains(file, pinned));
    }

    private static Task<HttpResponseMessage> PostFixtureAsync(ApiScope scope, string path, int? document) =>
        scope.PostImportAsync(FormatOf(path), RealFixtures.ReadAllBytes(path), document);

    private static string FormatOf(string path)
    {
        if (path.StartsWith("env/", StringComparison.Ordinal))
        {
            return "dotenv";
        }

        return Path.GetExtension(path) is ".yml" or ".yaml" ? "yaml" : "json";
    }
}
