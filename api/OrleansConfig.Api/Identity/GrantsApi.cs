using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>
/// A key's grant on one scope: all namespaces (<c>/v1/grants/{keyId}</c>), one namespace
/// (<c>/v1/namespaces/{ns}/grants/{keyId}</c>) or one environment
/// (<c>/v1/namespaces/{ns}/environments/{env}/grants/{keyId}</c>). Each needs the ManageAccess
/// permission on the scope in its route, so the global path needs a global admin.
/// </summary>
public static class GrantsApi
{
    private const string Example = """{"role": "operator"}""";

    public static void MapGrantsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Grants");
        group.MapPut("/grants/{keyId}",
            (string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                PutGrantAsync(context, grains, time, keyId, null, null))
            .RequirePermission(Permission.ManageAccess);
        group.MapPut("/namespaces/{ns}/grants/{keyId}",
            (string ns, string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                PutGrantAsync(context, grains, time, keyId, ns, null))
            .RequirePermission(Permission.ManageAccess);
        group.MapPut("/namespaces/{ns}/environments/{env}/grants/{keyId}",
            (string ns, string env, string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                PutGrantAsync(context, grains, time, keyId, ns, env))
            .RequirePermission(Permission.ManageAccess);

        group.MapDelete("/grants/{keyId}",
            (string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                DeleteGrantAsync(context, grains, time, keyId, null, null))
            .RequirePermission(Permission.ManageAccess);
        group.MapDelete("/namespaces/{ns}/grants/{keyId}",
            (string ns, string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                DeleteGrantAsync(context, grains, time, keyId, ns, null))
            .RequirePermission(Permission.ManageAccess);
        group.MapDelete("/namespaces/{ns}/environments/{env}/grants/{keyId}",
            (string ns, string env, string keyId, HttpContext context, IGrainFactory grains, TimeProvider time) =>
                DeleteGrantAsync(context, grains, time, keyId, ns, env))
            .RequirePermission(Permission.ManageAccess);
    }

    private static async Task<IResult> PutGrantAsync(
        HttpContext context, IGrainFactory grains, TimeProvider time, string keyId, string? ns, string? env)
    {
        if (CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync<RoleBody>(context.Request, Example);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (!KeyResponses.TryParseRole(body!.Role, out var role))
        {
            return Problems.BadRequest($"The role '{body.Role}' does not exist; use {KeyResponses.RoleNames}, "
                + $"for example {Example}.");
        }

        var (_, problem) = await FindChangeableAsync(grains, keyId);
        if (problem is not null)
        {
            return problem;
        }

        var grant = new Grant(role, ns, env, body.Secrets);
        if (ApiKeyRules.ValidateGrant(grant) is { } grantProblem)
        {
            return Problems.BadRequest(grantProblem);
        }

        var changed = await grains.GetGrain<IApiKeyGrain>(keyId).SetGrant(grant, Caller.Of(context).Actor);

        return changed is null ? KeyNotFound(keyId) : TypedResults.Ok(KeyResponses.KeyBody(changed, time.GetUtcNow()));
    }

    private static async Task<IResult> DeleteGrantAsync(
        HttpContext context, IGrainFactory grains, TimeProvider time, string keyId, string? ns, string? env)
    {
        if (CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (key, problem) = await FindChangeableAsync(grains, keyId);
        if (problem is not null)
        {
            return problem;
        }

        if (!key!.Grants.Any(grant => ApiKeyRules.IsOnScope(grant, ns, env)))
        {
            return Problems.NotFound($"Key {keyId} has no grant on {ApiKeyRules.DescribeScope(ns, env)}; "
                + $"its grants are: {Describe(key.Grants)}.");
        }

        var changed = await grains.GetGrain<IApiKeyGrain>(keyId).RemoveGrant(ns, env, Caller.Of(context).Actor);

        return changed is null ? KeyNotFound(keyId) : TypedResults.Ok(KeyResponses.KeyBody(changed, time.GetUtcNow()));
    }

    /// <summary>Loads a key whose grants may change: it exists, is not revoked and is not a service token.</summary>
    private static async Task<(ApiKeyInfo? Key, IResult? Problem)> FindChangeableAsync(
        IGrainFactory grains, string keyId)
    {
        var key = ApiKeyFormat.IsId(keyId) ? await grains.GetGrain<IApiKeyGrain>(keyId).GetInfo() : null;
        if (key is null || key.RevokedAt is not null)
        {
            return (null, KeyNotFound(keyId));
        }

        if (key.Kind == ApiKeyKind.ServiceToken)
        {
            return (null, Problems.Create(StatusCodes.Status409Conflict, $"Key {keyId} is a service token, which "
                + "has exactly the grant it was created with; create a new token with POST /v1/keys instead."));
        }

        return (key, null);
    }

    private static IResult? CheckScope(string? ns, string? env) => ns is null ? null : RouteNames.CheckScope(ns, env);

    private static string Describe(IReadOnlyList<Grant> grants) =>
        grants.Count == 0 ? "none" : string.Join("; ", grants);

    private static IResult KeyNotFound(string keyId) =>
        Problems.NotFound($"No active key has the id '{keyId}'; it may be revoked or mistyped. "
            + "A key id is the 16 characters after 'oc_' in the key; list keys with GET /v1/keys.");
}
