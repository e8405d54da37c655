namespace OrleansConfig.Identity;

/// <summary>
/// One API key or service token, keyed by its public id, with the hash of its secret and its grants.
/// </summary>
[Alias("oc.api-key")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key; returns null when a key with this id already exists.</summary>
    [Alias("create")]
    Task<ApiKeyInfo?> Create(ApiKeyCreate request);

    /// <summary>
    /// Compares <paramref name="secretHash"/> with the stored hash in constant time and checks expiry
    /// and revocation against the current time.
    /// </summary>
    [Alias("authenticate"), ReadOnly]
    Task<AuthenticationResult> Authenticate(byte[] secretHash);

    [Alias("info"), ReadOnly]
    Task<ApiKeyInfo?> GetInfo();

    /// <summary>Revokes the key from the next request on; returns null when it does not exist.</summary>
    [Alias("revoke")]
    Task<ApiKeyInfo?> Revoke(string revokedBy);

    /// <summary>
    /// Gives the key <paramref name="grant"/>, replacing any grant it has on the same scope; returns
    /// null when the key does not exist or is revoked. Throws <see cref="InvalidOperationException"/>
    /// for a service token, whose one grant is fixed at creation.
    /// </summary>
    [Alias("set-grant")]
    Task<ApiKeyInfo?> SetGrant(Grant grant, string grantedBy);

    /// <summary>
    /// Removes the key's grant on exactly the scope (<paramref name="ns"/>, <paramref name="env"/>), if
    /// it has one. Returns null and throws as <see cref="SetGrant"/> does.
    /// </summary>
    [Alias("remove-grant")]
    Task<ApiKeyInfo?> RemoveGrant(string? ns, string? env, string removedBy);
}

/// <summary>
/// The list of key ids (a single grain, key 0), and the bootstrap of the first admin key. Every
/// key is created through it, so "the database has no key yet" is decided in one place.
/// </summary>
[Alias("oc.api-key-directory")]
public interface IApiKeyDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a key grain with <paramref name="id"/> and records it; null when the id is taken.</summary>
    [Alias("create")]
    Task<ApiKeyInfo?> CreateKey(string id, ApiKeyCreate request);

    /// <summary>
    /// Creates <paramref name="id"/> as a global admin key only when no key exists yet and no
    /// bootstrap happened before; returns true when it did. Returns false when a key grain with
    /// <paramref name="id"/> already exists, even with an empty list.
    /// </summary>
    [Alias("bootstrap")]
    Task<bool> Bootstrap(string id, ApiKeyCreate request);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<string>> ListKeyIds();
}
