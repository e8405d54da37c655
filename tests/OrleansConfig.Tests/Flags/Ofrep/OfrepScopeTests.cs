using System.Net;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Security;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// How an OFREP request finds its namespace and environment: from a service token's single environment,
/// or from X-Namespace and X-Environment; and the credential forms OFREP providers send.
/// </summary>
[Collection(OfrepApiCollection.Name)]
public sealed class OfrepScopeTests(OfrepApiFixture fixture) : IAsyncLifetime
{
    private const string Flag = "scope-flag";
    private const string Ns = SecuredApiFixture.InScope;

    public async Task InitializeAsync()
    {
        foreach (var env in new[] { "prod", "dev" })
        {
            await FlagWriter.PutAsync(fixture.Grains, Ns, env, Flag,
                $$"""{"state": "ENABLED", "variants": {"env": "{{env}}"}, "defaultVariant": "env"}""");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ServiceToken_SelectsItsEnvironment()
    {
        using var client = Client(fixture.Secured.ServiceToken, null, null);

        var body = await client.EvaluateJsonAsync(Flag, "{}", HttpStatusCode.OK);

        Assert.Equal("prod", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task ServiceToken_OtherEnvironmentHeader_Returns403()
    {
        using var client = Client(fixture.Secured.ServiceToken, null, "dev");

        using var response = await client.EvaluateAsync(Flag);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("alpha/dev", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WideKey_WithoutHeaders_Returns400()
    {
        using var client = Client(fixture.Secured.Admin, null, null);

        using var response = await client.EvaluateAsync(Flag);

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General, Flag);
        Assert.Contains("X-Namespace and X-Environment", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WideKey_Bulk_WithoutHeaders_Returns400()
    {
        using var client = Client(fixture.Secured.Admin, null, null);

        using var response = await client.EvaluateAllAsync();

        await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General);
    }

    [Fact]
    public async Task NamespaceViewer_MissingEnvironmentHeader_Returns400()
    {
        using var client = Client(fixture.Secured.Viewer, Ns, null);

        using var response = await client.EvaluateAsync(Flag);

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General, Flag);
        Assert.Contains("header X-Environment", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceViewer_HeadersPickEnvironment()
    {
        using var client = Client(fixture.Secured.Viewer, Ns, "dev");

        var body = await client.EvaluateJsonAsync(Flag, "{}", HttpStatusCode.OK);

        Assert.Equal("dev", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task NamespaceViewer_OtherNamespace_Returns403()
    {
        using var client = Client(fixture.Secured.Viewer, SecuredApiFixture.OutOfScope, "prod");

        using var response = await client.EvaluateAllAsync();

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task InvalidNamespaceHeader_Returns400()
    {
        using var client = Client(fixture.Secured.Admin, "Bad Name", "prod");

        using var response = await client.EvaluateAsync(Flag);

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General, Flag);
        Assert.Contains("X-Namespace", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedHeader_Returns400()
    {
        using var client = Client(fixture.Secured.Admin, null, "prod");

        using var response = await client.SendAsync($"{OfrepClient.FlagsPath}/{Flag}", "{}",
            [("X-Namespace", "alpha"), ("X-Namespace", "beta")]);

        var details = await OfrepAssert.FailureAsync(response, HttpStatusCode.BadRequest, FlagErrorCode.General, Flag);
        Assert.Contains("more than once", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingEnvironment_Returns404()
    {
        using var client = Client(fixture.Secured.Admin, Ns, "staging");

        using var single = await client.EvaluateAsync(Flag);
        using var bulk = await client.EvaluateAllAsync();

        var details = await OfrepAssert.FailureAsync(single, HttpStatusCode.NotFound, FlagErrorCode.FlagNotFound, Flag);
        Assert.Contains("alpha/staging", details, StringComparison.Ordinal);
        await OfrepAssert.FailureAsync(bulk, HttpStatusCode.NotFound, FlagErrorCode.General);
    }

    [Fact]
    public async Task ApiKeyHeader_Authenticates()
    {
        using var client = Client(null, null, null);

        using var response = await client.SendAsync($"{OfrepClient.FlagsPath}/{Flag}", "{}",
            [("X-API-Key", fixture.Secured.ServiceToken)]);

        var body = await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("prod", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task AuthorizationWithoutScheme_Authenticates()
    {
        using var client = Client(null, null, null);

        using var response = await client.SendAsync($"{OfrepClient.FlagsPath}/{Flag}", "{}",
            [("Authorization", fixture.Secured.ServiceToken)]);

        await OfrepAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokedKeyInApiKeyHeader_Returns401()
    {
        using var client = Client(null, null, null);

        using var response = await client.SendAsync($"{OfrepClient.FlagsPath}/{Flag}", "{}",
            [("X-API-Key", fixture.Secured.Revoked)]);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoCredential_Returns401()
    {
        using var client = Client(null, Ns, "prod");

        using var response = await client.EvaluateAllAsync();

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private OfrepClient Client(string? token, string? ns, string? env) =>
        new(fixture.Host.CreateClient(token), ns, env);
}
