using Microsoft.AspNetCore.Authorization;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>Requires a permission on the namespace and environment that the request's route names.</summary>
public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}

/// <summary>
/// Checks a <see cref="PermissionRequirement"/> against the caller's grants. The scope comes from
/// the decoded route values, so an encoded slash or a case variant names a different, usually
/// invalid, scope rather than reaching another one.
/// </summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<CallerIdentity>() is not { } caller)
        {
            return Task.CompletedTask;
        }

        var ns = http.GetRouteValue("ns") as string;
        var env = http.GetRouteValue("env") as string;
        if (caller.Allows(requirement.Permission, ns, env))
        {
            context.Succeed(requirement);
        }
        else
        {
            var scope = ns is null ? "all namespaces" : env is null ? $"namespace '{ns}'" : $"'{ns}/{env}'";
            context.Fail(new AuthorizationFailureReason(this,
                $"The caller needs the {requirement.Permission} permission on {scope}; ask an admin of that scope for a grant."));
        }

        return Task.CompletedTask;
    }
}
