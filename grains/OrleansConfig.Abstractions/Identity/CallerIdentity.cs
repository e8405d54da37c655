namespace OrleansConfig.Identity;

/// <summary>How a caller proved who it is.</summary>
public enum CredentialKind
{
    ApiKey = 1,
    ServiceToken = 2,
    Jwt = 3,
}

/// <summary>
/// The authenticated caller of a request with its grants. The authentication handler stores it as
/// an HTTP feature; handlers read it and record <see cref="Actor"/> as the author of changes.
/// </summary>
public sealed record CallerIdentity(string Id, string Name, CredentialKind Kind, IReadOnlyList<Grant> Grants)
{
    /// <summary>The author recorded on changes: the name and the key id or token subject.</summary>
    public string Actor => Kind == CredentialKind.Jwt ? $"{Name} (jwt {Id})" : $"{Name} (key {Id})";

    public bool Allows(Permission permission, string? ns, string? env) =>
        Grants.Any(grant => grant.Allows(permission, ns, env));

    /// <summary>Returns true when a grant lets this caller reveal the value of <paramref name="name"/>.</summary>
    public bool MayRevealSecret(string ns, string env, string name) =>
        Grants.Any(grant => grant.RevealsSecret(ns, env, name, Kind == CredentialKind.ServiceToken));

    /// <summary>Returns true when some grant of this caller covers a scope within <paramref name="ns"/>.</summary>
    public bool SeesNamespace(string ns) => Grants.Any(grant => grant.Namespace is null || grant.Namespace == ns);
}
