using Microsoft.AspNetCore.Authorization;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Checks a <see cref="PermissionRequirement"/> against the caller's grants. The scope comes from
/// the route values that routing decoded, the same values the endpoint uses, so an encoded slash or
/// a case variant names a different, usually invalid, scope rather than reaching another one.
/// </summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<CallerIdentity>() is not { } caller)
        {
            return Task.CompletedTask;
        }

        var scope = requirement.Scope;
        var ns = scope == AccessScope.Global ? null : http.GetRouteValue("ns") as string;
        var env = scope == AccessScope.Route ? http.GetRouteValue("env") as string : null;
        var secret = requirement.Permission == Permission.RevealSecret ? http.GetRouteValue("name") as string : null;
        if (IsAllowed(caller, requirement.Permission, scope, ns, env, secret))
        {
            context.Succeed(requirement);

            return Task.CompletedTask;
        }

        var target = secret is null ? Describe(scope, ns, env) : $"secret '{secret}' of {Describe(scope, ns, env)}";
        context.Fail(new AuthorizationFailureReason(this,
            $"The caller needs the {requirement.Permission} permission on {target}; "
            + "ask an admin of that scope for a grant."));

        return Task.CompletedTask;
    }

    private static bool IsAllowed(
        CallerIdentity caller, Permission permission, AccessScope scope, string? ns, string? env, string? secret)
    {
        if (permission == Permission.RevealSecret && ns is not null && env is not null && secret is not null)
        {
            // A grant that lists secrets reveals only those, so the decision depends on the name.
            return caller.MayRevealSecret(ns, env, secret);
        }

        if (scope == AccessScope.WithinNamespace && ns is not null)
        {
            // A grant on one environment counts: check each grant against its own environment.
            return caller.Grants.Any(grant => grant.Allows(permission, ns, grant.Environment));
        }

        return caller.Allows(permission, ns, env);
    }

    private static string Describe(AccessScope scope, string? ns, string? env)
    {
        if (ns is null)
        {
            return "all namespaces";
        }

        if (scope == AccessScope.WithinNamespace)
        {
            return $"namespace '{ns}' or one of its environments";
        }

        return env is null ? $"namespace '{ns}'" : $"'{ns}/{env}'";
    }
}
