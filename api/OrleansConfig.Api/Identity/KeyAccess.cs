using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>Decides which keys a caller may see and revoke, beyond the endpoint's own access rule.</summary>
public static class KeyAccess
{
    /// <summary>Returns the creator id stored with the keys a caller creates, such as <c>ApiKey:abcd…</c>.</summary>
    public static string CreatorIdOf(CallerIdentity caller) => $"{caller.Kind}:{caller.Id}";

    public static bool IsGlobalAdmin(CallerIdentity caller) => caller.Allows(Permission.ManageAccess, null, null);

    /// <summary>Returns true when the caller administers at least one scope.</summary>
    public static bool AdministersAnyScope(CallerIdentity caller) =>
        caller.Grants.Any(grant => grant.Role == Role.Admin);

    /// <summary>
    /// Returns true for a global admin, the key's creator, the key itself, and an admin of a scope
    /// that contains one of the key's grants.
    /// </summary>
    public static bool CanSee(CallerIdentity caller, ApiKeyInfo key) =>
        IsGlobalAdmin(caller)
        || IsCreatorOrSelf(caller, key)
        || key.Grants.Any(grant => caller.Allows(Permission.ManageAccess, grant.Namespace, grant.Environment));

    /// <summary>
    /// Returns true for the key's creator, the key itself, and an admin whose scopes contain every
    /// grant of the key.
    /// </summary>
    public static bool CanRevoke(CallerIdentity caller, ApiKeyInfo key) =>
        IsCreatorOrSelf(caller, key)
        || (AdministersAnyScope(caller)
            && key.Grants.All(grant => caller.Allows(Permission.ManageAccess, grant.Namespace, grant.Environment)));

    /// <summary>Returns a 403 problem whose detail names what the caller lacks.</summary>
    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static bool IsCreatorOrSelf(CallerIdentity caller, ApiKeyInfo key) =>
        string.Equals(key.CreatorId, CreatorIdOf(caller), StringComparison.Ordinal)
        || (caller.Kind != CredentialKind.Jwt && string.Equals(key.Id, caller.Id, StringComparison.Ordinal));
}
