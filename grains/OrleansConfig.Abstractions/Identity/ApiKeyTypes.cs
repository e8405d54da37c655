namespace OrleansConfig.Identity;

public enum ApiKeyKind
{
    /// <summary>A key for a person or a service, with any number of grants.</summary>
    Key = 1,

    /// <summary>A key bound to one environment of one namespace, viewer unless created otherwise.</summary>
    ServiceToken = 2,
}

/// <summary>
/// A key's metadata; never its secret. <see cref="CreatedBy"/> is the creator's display form and
/// <see cref="CreatorId"/> its stable form (see <see cref="ApiKeyCreate.CreatorId"/>).
/// <see cref="SecretHash"/> is not part of it: the hash stays in the key grain's state.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.api-key-info")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Owner,
    [property: Id(3)] ApiKeyKind Kind,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] DateTimeOffset? RevokedAt,
    [property: Id(8)] string? RevokedBy,
    [property: Id(9)] IReadOnlyList<Grant> Grants,
    [property: Id(10)] string? CreatorId = null);

/// <summary>
/// Creates a key. <see cref="SecretHash"/> is the SHA-256 of the key's secret part; the secret
/// itself never reaches a grain. <see cref="CreatorId"/> identifies the creating credential as
/// <c>{CredentialKind}:{id}</c> (for example <c>ApiKey:abcd…</c> or <c>Jwt:subject</c>), which
/// unlike the display name in <see cref="CreatedBy"/> cannot be chosen to look like another caller.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.api-key-create")]
public sealed record ApiKeyCreate(
    [property: Id(0)] string Name,
    [property: Id(1)] string Owner,
    [property: Id(2)] ApiKeyKind Kind,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] byte[] SecretHash,
    [property: Id(5)] IReadOnlyList<Grant> Grants,
    [property: Id(6)] string CreatedBy,
    [property: Id(7)] string? CreatorId = null);

public enum AuthenticationStatus
{
    Authenticated = 1,

    /// <summary>No such key, or the secret does not match; callers must not tell the two apart.</summary>
    Invalid = 2,
    Expired = 3,
    Revoked = 4,
}

[GenerateSerializer, Immutable, Alias("oc.authentication-result")]
public sealed record AuthenticationResult(
    [property: Id(0)] AuthenticationStatus Status,
    [property: Id(1)] ApiKeyInfo? Key);
