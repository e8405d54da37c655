using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Checks an API key's secret hash against the stored key. The api uses the key grain; tests
/// substitute a double so that authorization can be tested without key grains.
/// </summary>
public interface IKeyAuthenticator
{
    /// <summary>Returns the key's status and metadata; grain failures propagate as exceptions.</summary>
    Task<AuthenticationResult> AuthenticateAsync(string keyId, byte[] secretHash);
}
