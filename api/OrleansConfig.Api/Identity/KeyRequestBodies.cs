namespace OrleansConfig.Api.Identity;

/// <summary>
/// Body of <c>POST /v1/keys</c>. A key takes <see cref="Grants"/>; a service token takes
/// <see cref="Namespace"/>, <see cref="Environment"/> and optionally <see cref="Role"/> instead.
/// Enumerations arrive as strings so that a wrong value can be named in the error.
/// </summary>
public sealed record KeyCreateBody(
    string? Name,
    string? Owner,
    DateTimeOffset? ExpiresAt,
    string? Kind,
    IReadOnlyList<GrantEntryBody?>? Grants,
    string? Namespace,
    string? Environment,
    string? Role);

/// <summary>One grant in a key's body: a role and an optional namespace and environment.</summary>
public sealed record GrantEntryBody(string? Role, string? Namespace, string? Environment);

/// <summary>Body of the grant endpoints: <c>{"role": "viewer"}</c>.</summary>
public sealed record RoleBody(string? Role);
