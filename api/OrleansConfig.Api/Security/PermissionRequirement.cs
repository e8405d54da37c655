using Microsoft.AspNetCore.Authorization;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>Requires a permission on the scope that <see cref="Scope"/> takes from the request's route.</summary>
public sealed class PermissionRequirement(Permission permission, AccessScope scope = AccessScope.Route)
    : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;

    public AccessScope Scope { get; } = scope;
}
