using System.Globalization;
using System.Net;

namespace OrleansConfig.Tests.Api;

/// <summary>If-Match and If-None-Match on PUT, DELETE and rollback: optimistic concurrency over HTTP.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ConditionalWriteTests(ApiClusterFixture fixture)
{
    /// <summary>Requests sent at once in the race tests.</summary>
    private const int Writers = 16;

    private static readonly Header StaleTag = new("If-Match", "\"1\"");

    private static readonly Header CurrentTag = new("If-Match", "\"2\"");

    [Fact]
    public async Task PutStaleIfMatch_FailsLeavingValue()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.PutAsync("Pool:Size", "99", StaleTag);
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        Assert.Contains("version 2", detail, StringComparison.Ordinal);
        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task DeleteStaleIfMatch_FailsLeavingValue()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.DeleteAsync("Pool:Size", StaleTag);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task RollbackStaleIfMatch_FailsLeavingValue()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.RollbackAsync("Pool:Size", 1, StaleTag);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task PutCurrentIfMatch_Succeeds()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.PutAsync("Pool:Size", "30", CurrentTag);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal(30, body.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task DeleteCurrentIfMatch_Succeeds()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.DeleteAsync("Pool:Size", CurrentTag);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.True(body.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task RollbackCurrentIfMatch_Succeeds()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.RollbackAsync("Pool:Size", 1, CurrentTag);
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal(10, body.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task PutIfNoneMatchAny_ExistingKeyFails()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.PutAsync("Pool:Size", "99", new Header("If-None-Match", "*"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);

        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task PutIfNoneMatchAny_CreatesMissingKey()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.PutAsync("Pool:Size", "10", new Header("If-None-Match", "*"));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PutIfNoneMatchAny_RecreatesDeletedKey()
    {
        var scope = await CreateKeyAtVersionTwoAsync();
        using var delete = await scope.DeleteAsync("Pool:Size");
        await HttpAssert.StatusAsync(delete, HttpStatusCode.OK);

        using var response = await scope.PutAsync("Pool:Size", "40", new Header("If-None-Match", "*"));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(4, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PutIfMatchAny_MissingKeyFails()
    {
        var scope = await fixture.CreateScopeAsync();

        using var response = await scope.PutAsync("Pool:Size", "10", new Header("If-Match", "*"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);
        using var read = await scope.GetAsync(scope.KeyPath("Pool:Size"));

        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound);
    }

    /// <summary>An RFC 9110 entity tag is a quoted string, and the api's tags are quoted version numbers.</summary>
    [Theory]
    [InlineData("garbage")]
    [InlineData("\"abc\"")]
    [InlineData("\"-2\"")]
    [InlineData("2")]
    [InlineData("\"2")]
    public async Task PutMalformedIfMatch_IsBadRequest(string ifMatch)
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.PutAsync("Pool:Size", "99", new Header("If-Match", ifMatch));
        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("If-Match", detail, StringComparison.Ordinal);
        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task DeleteMalformedIfMatch_IsBadRequest()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.DeleteAsync("Pool:Size", new Header("If-Match", "garbage"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task RollbackMalformedIfMatch_IsBadRequest()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        using var response = await scope.RollbackAsync("Pool:Size", 1, new Header("If-Match", "garbage"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);

        await AssertUnchangedAsync(scope);
    }

    [Fact]
    public async Task ConcurrentIfMatchPuts_OnlyOneWins()
    {
        var scope = await CreateKeyAtVersionTwoAsync();

        var writes = Enumerable.Range(100, Writers).Select(value =>
            scope.PutAsync("Pool:Size", value.ToString(CultureInfo.InvariantCulture), CurrentTag));
        var responses = await Task.WhenAll(writes);
        var statuses = responses.Select(response => response.StatusCode).ToArray();
        DisposeAll(responses);
        var current = await scope.ReadAsync("Pool:Size");

        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, statuses.Count(status => status == HttpStatusCode.PreconditionFailed));
        Assert.Equal(3, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ConcurrentIfNoneMatchPuts_OnlyOneCreates()
    {
        var scope = await fixture.CreateScopeAsync();

        var writes = Enumerable.Range(0, Writers).Select(i =>
            scope.PutAsync(i % 2 == 0 ? "Pool:Size" : "POOL:SIZE", "1", new Header("If-None-Match", "*")));
        var responses = await Task.WhenAll(writes);
        var statuses = responses.Select(response => response.StatusCode).ToArray();
        DisposeAll(responses);
        var current = await scope.ReadAsync("pool:size");

        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.Created));
        Assert.Equal(Writers - 1, statuses.Count(status => status == HttpStatusCode.PreconditionFailed));
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    /// <summary>Creates a scope whose key Pool:Size is 10 at version 1 and 20 at version 2.</summary>
    private async Task<ApiScope> CreateKeyAtVersionTwoAsync()
    {
        var scope = await fixture.CreateScopeAsync();
        await scope.WriteAsync("Pool:Size", "10");
        await scope.WriteAsync("Pool:Size", "20");

        return scope;
    }

    private static async Task AssertUnchangedAsync(ApiScope scope)
    {
        var current = await scope.ReadAsync("Pool:Size");

        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(20, current.GetProperty("value").GetInt32());
    }

    private static void DisposeAll(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
