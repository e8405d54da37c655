using System.Collections.Concurrent;
using System.Security.Cryptography;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// Stands in for the key grains: keys live in memory with the status a test gives them. It checks
/// the secret hash as the grain does, so a wrong secret is Invalid.
/// </summary>
public sealed class FakeKeyAuthenticator : IKeyAuthenticator
{
    private readonly ConcurrentDictionary<string, StoredKey> _keys = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Adds a key and returns its token.</summary>
    public string Add(string name, params Grant[] grants) =>
        Add(name, ApiKeyKind.Key, AuthenticationStatus.Authenticated, grants);

    public string Add(string name, ApiKeyKind kind, AuthenticationStatus status, params Grant[] grants)
    {
        var token = TestKeys.NewToken();
        BearerKey.TryParse(token, out var id, out var hash);
        var info = new ApiKeyInfo(id, name, "tests", kind, DateTimeOffset.UtcNow, "tests", null, null, null, grants);
        _keys[id] = new StoredKey(hash, new AuthenticationResult(status, info), null);

        return token;
    }

    /// <summary>Adds a key whose every lookup throws <paramref name="failure"/>, as a failed grain call does.</summary>
    public string AddFailing(Exception failure)
    {
        var token = TestKeys.NewToken();
        BearerKey.TryParse(token, out var id, out var hash);
        _keys[id] = new StoredKey(hash, new AuthenticationResult(AuthenticationStatus.Invalid, null), failure);

        return token;
    }

    public void Revoke(string token)
    {
        BearerKey.TryParse(token, out var id, out _);
        var key = _keys[id];
        _keys[id] = key with { Result = key.Result with { Status = AuthenticationStatus.Revoked } };
    }

    public Task<AuthenticationResult> AuthenticateAsync(string keyId, byte[] secretHash)
    {
        Interlocked.Increment(ref _calls);
        if (!_keys.TryGetValue(keyId, out var key) || !CryptographicOperations.FixedTimeEquals(key.Hash, secretHash))
        {
            return Task.FromResult(new AuthenticationResult(AuthenticationStatus.Invalid, null));
        }

        return key.Failure is null
            ? Task.FromResult(key.Result)
            : Task.FromException<AuthenticationResult>(key.Failure);
    }

    private sealed record StoredKey(byte[] Hash, AuthenticationResult Result, Exception? Failure);
}
