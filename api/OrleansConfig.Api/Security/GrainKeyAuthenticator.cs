using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Authenticates a key with one call to its grain on every request, so a revocation takes effect on
/// the next request on every api instance.
/// </summary>
public sealed class GrainKeyAuthenticator(IGrainFactory grains) : IKeyAuthenticator
{
    public Task<AuthenticationResult> AuthenticateAsync(string keyId, byte[] secretHash) =>
        grains.GetGrain<IApiKeyGrain>(keyId).Authenticate(secretHash);
}
