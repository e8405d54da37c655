using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// The access rule of each endpoint. Every endpoint the api maps states one of these (or
/// <c>AllowAnonymous</c> for health and OpenAPI), and a test checks that none is left without.
/// </summary>
public static class EndpointAccess
{
    public const string AuthenticatedPolicy = "authenticated";

    /// <summary>Every permission and scope that has a policy, registered at startup.</summary>
    public static IEnumerable<(Permission Permission, AccessScope Scope)> Policies =>
        from permission in Enum.GetValues<Permission>()
        from scope in Enum.GetValues<AccessScope>()
        select (permission, scope);

    public static string PolicyName(Permission permission, AccessScope scope = AccessScope.Route) =>
        scope == AccessScope.Route ? $"permission:{permission}" : $"permission:{permission}@{scope}";

    /// <summary>
    /// Requires <paramref name="permission"/> on the scope named by the route values <c>ns</c> and
    /// <c>env</c> (either may be absent: no <c>ns</c> means the global scope), or on the scope that
    /// <paramref name="scope"/> selects.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(
        this TBuilder builder, Permission permission, AccessScope scope = AccessScope.Route)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(permission, scope));

    /// <summary>Requires only an authenticated caller; the handler checks scopes itself.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuthenticatedPolicy);
}
