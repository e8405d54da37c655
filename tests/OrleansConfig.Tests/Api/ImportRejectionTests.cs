using System.Net;
using System.Text;

namespace OrleansConfig.Tests.Api;

/// <summary>
/// Imports rejected as a whole: the response is problem details and the environment's revision and keys
/// stay as they were.
/// </summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ImportRejectionTests(ApiClusterFixture fixture)
{
    private const string TwoDocuments = "profile: dev\n---\nprofile: prod\n";

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "json", "{\"Db\": {\"Host\": \"db1\"," },
        { "yaml", "db:\n  host: [db1\n" },
        { "dotenv", "DB_HOST=db1\nthis line has no equals sign\n" },
    };

    [Theory]
    [InlineData("xml")]
    [InlineData("")]
    [InlineData("JSON5")]
    public async Task Import_UnknownFormatIsBadRequest(string format)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PostFileAsync(scope, format, "{\"Db\": 1}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains($"format={format}", detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Import_BrokenFileChangesNothing(string format, string file)
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Existing", "1");

        using var response = await PostFileAsync(scope, format, file);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal(1, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Fact]
    public async Task Import_InvalidKeyChangesNothing()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await PostFileAsync(scope, "json", "{\"Valid\": 1, \"has space\": 2}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains("has space", detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Import_CaseConflictChangesNothing()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"db1\"");

        using var response = await PostFileAsync(scope, "json", "{\"Region\": \"eu\", \"DB\": {\"HOST\": \"db2\"}}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var snapshot = await scope.ReadSnapshotAsync();
        var host = await scope.ReadAsync("Db:Host");

        Assert.Contains("'Db:Host'", detail, StringComparison.Ordinal);
        Assert.Equal(1, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("configs").GetArrayLength());
        Assert.Equal("db1", host.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Import_ValueTooLargeChangesNothing()
    {
        var scope = await fixture.CreateScopeAsync();
        var large = new string('a', 256 * 1024);

        using var response = await PostFileAsync(scope, "json", $"{{\"Small\": 1, \"Large\": \"{large}\"}}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains("'Large'", detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Import_MissingEnvironmentIsNotFound()
    {
        var existing = await fixture.CreateScopeAsync();
        var scope = new ApiScope(fixture.Http, existing.Namespace, "absent");

        using var response = await PostFileAsync(scope, "json", "{\"Db\": 1}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("The environment 'absent'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yaml", 3, "Document 3 does not exist")]
    [InlineData("yaml", 0, "Document 0 does not exist")]
    [InlineData("json", 1, "?document=N")]
    public async Task Import_InvalidDocumentIsBadRequest(string format, int document, string expected)
    {
        var scope = await fixture.CreateScopeAsync();
        var file = format == "yaml" ? TwoDocuments : "{\"Profile\": \"dev\"}";

        using var response = await scope.PostImportAsync(format, Encoding.UTF8.GetBytes(file), document);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Import_ChildOfExistingValueConflicts()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db", "\"postgres://db1\"");

        using var response = await PostFileAsync(scope, "json", "{\"Region\": \"eu\", \"Db\": {\"Host\": \"db2\"}}");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains("'Db'", detail, StringComparison.Ordinal);
        Assert.Equal(1, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Fact]
    public async Task Import_ParentOfExistingKeyConflicts()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"db1\"");

        using var response = await PostFileAsync(scope, "yaml", "Region: eu\nDb: postgres://db2\n");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains("'Db:Host'", detail, StringComparison.Ordinal);
        Assert.Equal(1, snapshot.GetProperty("revision").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("configs").GetArrayLength());
    }

    private static Task<HttpResponseMessage> PostFileAsync(ApiScope scope, string format, string file) =>
        scope.PostImportAsync(format, Encoding.UTF8.GetBytes(file));
}
