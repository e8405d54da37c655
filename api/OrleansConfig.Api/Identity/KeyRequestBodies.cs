namespace OrleansConfig.Api.Identity;

/// <summary>
/// Body of <c>POST /v1/keys</c>. A key takes <see cref="Grants"/>; a service token takes
/// <see cref="Namespace"/>, <see cref="Environment"/> and optionally <see cref="Role"/> and
/// <see cref="Secrets"/> instead. Enumerations arrive as strings so that a wrong value can be named in
/// the error.
/// </summary>
public sealed record KeyCreateBody(
    string? Name,
    string? Owner,
    DateTimeOffset? ExpiresAt,
    string? Kind,
    IReadOnlyList<GrantEntryBody?>? Grants,
    string? Namespace,
    string? Environment,
    string? Role,
    IReadOnlyList<string>? Secrets = null);

/// <summary>
/// One grant in a key's body: a role, an optional namespace and environment, and optionally the secrets
/// whose values it may reveal.
/// </summary>
public sealed record GrantEntryBody(
    string? Role, string? Namespace, string? Environment, IReadOnlyList<string>? Secrets = null);

/// <summary>Body of the grant endpoints: <c>{"role": "viewer"}</c>, optionally with <c>"secrets"</c>.</summary>
public sealed record RoleBody(string? Role, IReadOnlyList<string>? Secrets = null);
