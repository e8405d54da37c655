using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// Authentication against the real key grains (in-memory storage), with keys created through the
/// key directory grain.
/// </summary>
public sealed class KeyGrainAuthenticationTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(useKeyGrains: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [KeyGrainsFact]
    public async Task CreatedKey_IsAccepted()
    {
        var token = await CreateKeyAsync(new Grant(Role.Admin));
        using var client = _host.CreateClient(token);

        using var response = await client.GetAsync("/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [KeyGrainsFact]
    public async Task RevokedKey_IsRejectedNextRequest()
    {
        var token = await CreateKeyAsync(new Grant(Role.Admin));
        using var client = _host.CreateClient(token);
        BearerKey.TryParse(token, out var id, out _);

        using var before = await client.GetAsync("/v1/namespaces");
        await Grains.GetGrain<IApiKeyGrain>(id).Revoke("tests");
        using var after = await client.GetAsync("/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AuthenticationTests.AssertUnauthorizedAsync(after, CredentialProblems.Revoked);
    }

    [KeyGrainsFact]
    public async Task WrongSecret_IsRejected()
    {
        var token = await CreateKeyAsync(new Grant(Role.Admin));
        var wrong = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        using var client = _host.CreateClient(wrong);

        using var response = await client.GetAsync("/v1/namespaces");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.NotAccepted);
    }

    [KeyGrainsFact]
    public async Task ExpiredKey_IsRejected()
    {
        var token = await CreateKeyAsync(new Grant(Role.Admin), DateTimeOffset.UtcNow.AddSeconds(1));
        using var client = _host.CreateClient(token);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        using var response = await client.GetAsync("/v1/namespaces");

        await AuthenticationTests.AssertUnauthorizedAsync(response, CredentialProblems.Expired);
    }

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    private async Task<string> CreateKeyAsync(Grant grant, DateTimeOffset? expiresAt = null)
    {
        var token = TestKeys.NewToken();
        BearerKey.TryParse(token, out var id, out var hash);
        var request = new ApiKeyCreate("grain-test", "tests", ApiKeyKind.Key, expiresAt, hash, [grant], "tests");
        var created = await Grains.GetGrain<IApiKeyDirectoryGrain>(0).CreateKey(id, request);
        Assert.NotNull(created);

        return token;
    }
}
