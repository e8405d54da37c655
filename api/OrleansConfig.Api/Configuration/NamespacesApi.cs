using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Configuration;

/// <summary>Namespaces and their environments: <c>/v1/namespaces</c>.</summary>
public static class NamespacesApi
{
    public static void MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces").WithTags("Namespaces");
        group.MapGet("/", ListNamespaces).RequireCaller();
        group.MapGet("/{ns}", GetNamespace).RequirePermission(Permission.Read);
        group.MapPut("/{ns}", PutNamespace).RequirePermission(Permission.ManageAccess, AccessScope.Global);
        group.MapGet("/{ns}/environments", ListEnvironments)
            .RequirePermission(Permission.Read, AccessScope.WithinNamespace);
        group.MapGet("/{ns}/environments/{env}", GetEnvironment).RequirePermission(Permission.Read);
        group.MapPut("/{ns}/environments/{env}", PutEnvironment)
            .RequirePermission(Permission.ManageAccess, AccessScope.Namespace);
    }

    private static async Task<IResult> ListNamespaces(HttpContext context, IGrainFactory grains)
    {
        var caller = Caller.Of(context);
        var namespaces = await grains.GetGrain<ICatalogGrain>(0).ListNamespaces();
        var visible = namespaces
            .Where(info => caller.SeesNamespace(info.Name))
            .Select(info => VisibleBody(caller, info));

        return TypedResults.Ok(new { namespaces = visible });
    }

    private static async Task<IResult> GetNamespace(string ns, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns) is { } problem)
        {
            return problem;
        }

        var info = await grains.GetGrain<ICatalogGrain>(0).GetNamespace(ns);

        return info is null ? NamespaceNotFound(ns) : TypedResults.Ok(NamespaceBody(info));
    }

    private static async Task<IResult> PutNamespace(string ns, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns) is { } problem)
        {
            return problem;
        }

        var catalog = grains.GetGrain<ICatalogGrain>(0);
        var created = await catalog.CreateNamespace(ns, Actor.Of(context));
        var body = NamespaceBody((await catalog.GetNamespace(ns))!);

        return created ? TypedResults.Created($"/v1/namespaces/{ns}", body) : TypedResults.Ok(body);
    }

    private static async Task<IResult> ListEnvironments(string ns, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns) is { } problem)
        {
            return problem;
        }

        var info = await grains.GetGrain<ICatalogGrain>(0).GetNamespace(ns);

        if (info is null)
        {
            return NamespaceNotFound(ns);
        }

        // A caller whose grants cover only some environments of the namespace gets only those.
        var caller = Caller.Of(context);
        var readable = info.Environments.Where(env => caller.Allows(Permission.Read, ns, env));

        return TypedResults.Ok(new { @namespace = ns, environments = readable });
    }

    private static async Task<IResult> GetEnvironment(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var info = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetInfo();

        return info is null ? await MissingScope(grains, ns, env) : TypedResults.Ok(EnvironmentBody(info));
    }

    private static async Task<IResult> PutEnvironment(string ns, string env, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        // The catalog records the environment first. The environment grain adopts a catalog entry it
        // lacks, so a failure between the two writes heals on the next request.
        var author = Actor.Of(context);
        var added = await grains.GetGrain<ICatalogGrain>(0).AddEnvironment(ns, env, author);
        if (added is null)
        {
            return NamespaceNotFound(ns);
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var created = await environment.Create(author) | added.Value;
        var body = EnvironmentBody((await environment.GetInfo())!);

        return created ? TypedResults.Created($"/v1/namespaces/{ns}/environments/{env}", body) : TypedResults.Ok(body);
    }

    /// <summary>Returns the 404 that names whichever of the namespace or environment is missing.</summary>
    public static async Task<IResult> MissingScope(IGrainFactory grains, string ns, string env)
    {
        var info = await grains.GetGrain<ICatalogGrain>(0).GetNamespace(ns);

        return info is null
            ? NamespaceNotFound(ns)
            : Problems.NotFound($"The environment '{env}' does not exist in namespace '{ns}'; create it with "
                + $"PUT /v1/namespaces/{ns}/environments/{env}.");
    }

    private static IResult NamespaceNotFound(string ns) =>
        Problems.NotFound($"The namespace '{ns}' does not exist; create it with PUT /v1/namespaces/{ns}.");

    /// <summary>
    /// Returns a namespace as the caller may see it: in full with read access to the namespace,
    /// else only its name and the environments the caller may read.
    /// </summary>
    private static object VisibleBody(CallerIdentity caller, NamespaceInfo info)
    {
        if (caller.Allows(Permission.Read, info.Name, null))
        {
            return NamespaceBody(info);
        }

        var readable = info.Environments.Where(env => caller.Allows(Permission.Read, info.Name, env));

        return new { name = info.Name, environments = readable };
    }

    private static object NamespaceBody(NamespaceInfo info) =>
        new
        {
            name = info.Name,
            createdAt = info.CreatedAt,
            createdBy = info.CreatedBy,
            environments = info.Environments,
        };

    private static object EnvironmentBody(EnvironmentInfo info) => new
    {
        @namespace = info.Namespace,
        name = info.Name,
        createdAt = info.CreatedAt,
        createdBy = info.CreatedBy,
        revision = info.Revision,
        keyCount = info.KeyCount,
    };
}
