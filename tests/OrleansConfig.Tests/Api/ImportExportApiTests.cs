using System.Net;
using System.Text;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// Whole files through <c>…/import</c> and <c>…/export</c>: the counts an import reports and export round
/// trips in each format.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ImportExportApiTests(ApiClusterFixture fixture)
{
    private const string TwoDocuments = "profile: dev\n---\nprofile: prod\n";

    /// <summary>
    /// Values written through PUT that an export could alter: strings that YAML or dotenv would read as
    /// numbers, booleans or null, escapes, and numbers beyond double precision.
    /// </summary>
    private static readonly (string Key, string Value)[] ScalarValues =
    [
        ("Text:Number", "\"5432\""),
        ("Text:Boolean", "\"true\""),
        ("Text:Yes", "\"yes\""),
        ("Text:Null", "\"null\""),
        ("Text:Tilde", "\"~\""),
        ("Text:Empty", "\"\""),
        ("Text:Date", "\"2024-01-01\""),
        ("Text:LeadingSpace", "\" lead\""),
        ("Text:Lines", "\"one\\ntwo\""),
        ("Text:Hash", "\"#not a comment\""),
        ("Text:Colon", "\"a: b\""),
        ("Text:Quotes", "\"say \\\"hi\\\" \\\\ back\""),
        ("Number:Large", "9007199254740993"),
        ("Number:Huge", "1e400"),
        ("Number:Fraction", "0.1"),
        ("Number:NegativeZero", "-0"),
        ("Flag", "true"),
        ("Nothing", "null"),
    ];

    /// <summary>The same three keys in each format: a host name, a port and a flag.</summary>
    public static TheoryData<string, string> SmallFiles => new()
    {
        { "json", "{\"Db\": {\"Host\": \"db1\", \"Port\": 5432}, \"Enabled\": true}" },
        { "yaml", "db:\n  host: db1\n  port: 5432\nenabled: true\n" },
        { "dotenv", "DB_HOST=db1\nDB_PORT=5432\nENABLED=true\n" },
    };

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task Import_NewFileCreatesEachKey(string format, string file)
    {
        var scope = await fixture.CreateScopeAsync();

        var result = await scope.ImportAsync(format, file);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal(3, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(0, result.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, result.GetProperty("revision").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task Import_RepeatedFileIsAllUnchanged(string format, string file)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.ImportAsync(format, file);

        var result = await scope.ImportAsync(format, file);

        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(3, result.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, result.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Import_CountsCreatedUpdatedUnchanged()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.ImportAsync("json", "{\"Db\": {\"Host\": \"db1\", \"Port\": 5432}, \"Enabled\": true}");

        var result = await scope.ImportAsync("json",
            "{\"Db\": {\"Host\": \"db2\", \"Port\": 5432}, \"Enabled\": true, \"Region\": \"eu\"}");
        var host = await scope.ReadAsync("Db:Host");

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(2, result.GetProperty("unchanged").GetInt32());
        Assert.Equal("db2", host.GetProperty("value").GetString());
        Assert.Equal(2, host.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task ExportThenImport_IsAllUnchanged(string format, string file)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.ImportAsync(format, file);

        var exported = await scope.ExportAsync(format);
        var result = await scope.ImportAsync(format, exported);

        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(3, result.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Import_SelectedYamlDocumentOnly()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.PostImportAsync("yaml", Encoding.UTF8.GetBytes(TwoDocuments), document: 2);
        var result = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal("prod", snapshot.GetProperty("configs")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Export_UnknownFormatIsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.GetAsync(scope.EnvironmentPath + "/export?format=xml");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("format=xml", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MissingEnvironmentIsNotFound()
    {
        var existing = await fixture.CreateScopeAsync();
        var scope = new ApiScope(fixture.Http, existing.Namespace, "absent");

        using var response = await scope.GetAsync(scope.EnvironmentPath + "/export?format=json");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("The environment 'absent'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task ExportThenImport_ScalarValuesUnchanged(string format)
    {
        var scope = await fixture.CreateScopeAsync();
        foreach (var (key, value) in ScalarValues)
        {
            await scope.WriteAsync(key, value);
        }

        var exported = await scope.ExportAsync(format);
        var result = await scope.ImportAsync(format, exported);

        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(ScalarValues.Length, result.GetProperty("unchanged").GetInt32());
    }

    /// <summary>A dotenv file has no types, so its export keeps string values only.</summary>
    [Fact]
    public async Task ExportThenImport_DotenvStringsUnchanged()
    {
        var scope = await fixture.CreateScopeAsync();
        var strings = ScalarValues.Where(pair => pair.Value.StartsWith('"')).ToArray();
        foreach (var (key, value) in strings)
        {
            await scope.WriteAsync(key.Replace(':', '_'), value);
        }

        var exported = await scope.ExportAsync("dotenv");
        var result = await scope.ImportAsync("dotenv", exported);

        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(strings.Length, result.GetProperty("unchanged").GetInt32());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task ExportThenImport_ObjectValuesUnchanged(string format)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Limits", "{\"Rate\": 10, \"Burst\": 20}");
        await scope.WriteAsync("Hosts", "[\"a\", \"b\"]");

        var exported = await scope.ExportAsync(format);
        var result = await scope.ImportAsync(format, exported);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(2, result.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, snapshot.GetProperty("configs").GetArrayLength());
    }
}
