using System.Net;

namespace OrleansConfig.Tests.Api;

/// <summary>The key grammar at its edges, as the api enforces it on the route.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class KeyRulesApiTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Key_MaxLengthIsAccepted()
    {
        var scope = await fixture.CreateScopeAsync();
        var key = "Section:" + new string('k', 248);

        using var put = await scope.PutAsync(key, "1");
        await HttpAssert.StatusAsync(put, HttpStatusCode.Created);
        var read = await scope.ReadAsync(key);

        Assert.Equal(256, key.Length);
        Assert.Equal(key, read.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Key_OverMaxLengthIsBadRequest()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.PutAsync(new string('k', 257), "1");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("257 characters", detail, StringComparison.Ordinal);
        Assert.Contains("maximum is 256", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a%20b", "' ' at position 2")]
    [InlineData("caf%C3%A9", "U+00E9 at position 4")]
    [InlineData("a%2541", "'%' at position 2")]
    [InlineData("a%3Fb", "'?' at position 2")]
    public async Task Key_InvalidCharacterIsBadRequest(string encodedKey, string expected)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.SendAsync(HttpMethod.Put, $"{scope.SnapshotPath}/{encodedKey}",
            ApiScope.ValueBody("1"));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Equal(0, snapshot.GetProperty("configs").GetArrayLength());
    }

    [Theory]
    [InlineData("a::b")]
    [InlineData(":a")]
    [InlineData("a:")]
    public async Task Key_EmptySectionIsBadRequest(string key)
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.PutAsync(key, "1");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("empty section", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_EncodedSlashIsOneKey()
    {
        var scope = await fixture.CreateScopeAsync();

        using var put = await scope.SendAsync(HttpMethod.Put, $"{scope.SnapshotPath}/team%2Fservice:url",
            ApiScope.ValueBody("\"http://a\""));
        var created = await HttpAssert.JsonAsync(put, HttpStatusCode.Created);
        var read = await scope.ReadAsync("team/service:url");
        var snapshot = await scope.ReadSnapshotAsync();

        Assert.Equal("team/service:url", created.GetProperty("key").GetString());
        Assert.Equal($"{scope.SnapshotPath}/team%2Fservice%3Aurl", put.Headers.Location?.OriginalString);
        Assert.Equal("http://a", read.GetProperty("value").GetString());
        Assert.Equal("team/service:url", snapshot.GetProperty("configs")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task Key_DifferingOnlyByCaseConflicts()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Db:Host", "\"first\"");

        using var response = await scope.PutAsync("DB:HOST", "\"second\"");
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var read = await scope.ReadAsync("db:host");

        Assert.Contains("'Db:Host'", detail, StringComparison.Ordinal);
        Assert.Equal("Db:Host", read.GetProperty("key").GetString());
        Assert.Equal("first", read.GetProperty("value").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }
}
