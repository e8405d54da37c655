using System.Net;
using System.Text.Json;

namespace OrleansConfig.Tests.Api;

/// <summary>Deletion and rollback: both write a new version, and the history keeps every earlier one.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class DeleteRollbackTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Rollback_WritesOldValueAsNewVersion()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"blue\"");
        await scope.WriteAsync("Mode", "\"green\"");

        using var response = await scope.RollbackAsync("Mode", 1);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var current = await scope.ReadAsync("Mode");

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("rolledBackFrom").GetInt32());
        Assert.Equal("\"3\"", response.Headers.ETag?.ToString());
        Assert.Equal("blue", current.GetProperty("value").GetString());
        Assert.Equal(3, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Delete_WritesTombstoneKeepingHistory()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Legacy", "\"old\"");

        using var delete = await scope.DeleteAsync("Legacy");
        var deleted = await HttpAssert.JsonAsync(delete, HttpStatusCode.OK);
        using var read = await scope.GetAsync(scope.KeyPath("Legacy"));
        var readDetail = await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound);
        using var history = await scope.GetAsync(scope.KeyPath("Legacy") + "/versions");
        var versions = (await HttpAssert.JsonAsync(history, HttpStatusCode.OK)).GetProperty("versions");
        using var oldVersion = await scope.GetAsync(scope.KeyPath("Legacy") + "?version=1");
        var old = await HttpAssert.JsonAsync(oldVersion, HttpStatusCode.OK);

        Assert.Equal(2, deleted.GetProperty("version").GetInt32());
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Contains("deleted at version 2", readDetail, StringComparison.Ordinal);
        Assert.Equal(2, versions.GetArrayLength());
        Assert.True(versions[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("value").ValueKind);
        Assert.Equal("old", versions[1].GetProperty("value").GetString());
        Assert.Equal("old", old.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Delete_MissingKeyIsNotFound()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.DeleteAsync("Never:Written");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("'Never:Written' does not exist", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAfterDelete_ContinuesNumbering()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Legacy", "1");
        using var delete = await scope.DeleteAsync("Legacy");
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);

        using var response = await scope.PutAsync("Legacy", "2");
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal("\"3\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Rollback_ToDeletionIsUnprocessable()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Legacy", "1");
        using var delete = await scope.DeleteAsync("Legacy");
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);
        await scope.WriteAsync("Legacy", "3");

        using var response = await scope.RollbackAsync("Legacy", 2);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var current = await scope.ReadAsync("Legacy");

        Assert.Contains("Version 2", detail, StringComparison.Ordinal);
        Assert.Equal(3, current.GetProperty("version").GetInt32());
        Assert.Equal(3, current.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Rollback_ToMissingVersionIsNotFound()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Mode", "\"blue\"");

        using var response = await scope.RollbackAsync("Mode", 7);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        var current = await scope.ReadAsync("Mode");

        Assert.Contains("Version 7 does not exist", detail, StringComparison.Ordinal);
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rollback_AfterDeleteRestoresValue()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Legacy", "\"kept\"");
        using var delete = await scope.DeleteAsync("Legacy");
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);

        using var response = await scope.RollbackAsync("Legacy", 1);
        var current = await scope.ReadAsync("Legacy");

        Assert.True(response.IsSuccessStatusCode, $"The rollback failed with {(int)response.StatusCode}.");
        Assert.Equal(3, current.GetProperty("version").GetInt32());
        Assert.Equal("kept", current.GetProperty("value").GetString());
    }
}
