using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Configuration;

/// <summary>Single keys: <c>/v1/namespaces/{ns}/environments/{env}/configs/{key}</c>.</summary>
public static class ConfigsApi
{
    /// <summary>Bytes of request body allowed on top of the value limit, for the envelope and escaping.</summary>
    private const long BodyOverhead = 64 * 1024;

    public static void MapConfigsApi(this IEndpointRouteBuilder app, ConfigStoreOptions limits)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}/configs").WithTags("Configuration");
        var bodyLimit = new RequestSizeLimitAttribute(limits.MaxValueBytes * 2L + BodyOverhead);
        group.MapGet("/{key}", GetConfig).RequirePermission(Permission.Read);
        group.MapPut("/{key}", PutConfig).WithMetadata(bodyLimit).RequirePermission(Permission.Write);
        group.MapDelete("/{key}", DeleteConfig).RequirePermission(Permission.Write);
        group.MapGet("/{key}/versions", GetVersions).RequirePermission(Permission.Read);
        group.MapPost("/{key}/rollback", Rollback).WithMetadata(bodyLimit).RequirePermission(Permission.Write);
    }

    private static async Task<IResult> GetConfig(
        string ns, string env, string key, int? version, HttpContext context, IGrainFactory grains)
    {
        var (decoded, problem) = RouteNames.DecodeKey(context, ns, env, key);
        if (problem is not null)
        {
            return problem;
        }

        if (version is < 1)
        {
            return Problems.BadRequest($"version={version} is not a version; versions start at 1.");
        }

        var result = await Grain(grains, ns, env, decoded).Get(version);
        if (result.Status == ConfigStatus.NotFound && result.LatestVersion == 0)
        {
            return await NotFound(grains, ns, env, decoded);
        }

        var notModified = result.IsSuccess && version is null
            && ETags.NoneMatchHits(context.Request, ETags.ForVersion(result.Current!.Version));
        if (notModified)
        {
            context.Response.Headers.ETag = ETags.ForVersion(result.Current!.Version);

            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return ConfigResults.ToResponse(context, result, ns, env, decoded);
    }

    private static async Task<IResult> PutConfig(
        string ns, string env, string key, HttpContext context, IGrainFactory grains)
    {
        var (decoded, problem) = RouteNames.DecodeKey(context, ns, env, key);
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        if (problem is not null || conditionError is not null)
        {
            return problem ?? Problems.BadRequest(conditionError!);
        }

        var (value, comment, bodyProblem) = await RequestBodies.ReadPutAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var request = new ConfigPut(decoded, value, Actor.Of(context), comment, conditions);
        var result = await Grain(grains, ns, env, decoded).Put(request);
        if (result.Status == ConfigStatus.EnvironmentNotFound)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        return ConfigResults.ToResponse(context, result, ns, env, decoded);
    }

    private static async Task<IResult> DeleteConfig(
        string ns, string env, string key, HttpContext context, IGrainFactory grains)
    {
        var (decoded, problem) = RouteNames.DecodeKey(context, ns, env, key);
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        if (problem is not null || conditionError is not null)
        {
            return problem ?? Problems.BadRequest(conditionError!);
        }

        var request = new ConfigDelete(Actor.Of(context), null, conditions);
        var result = await Grain(grains, ns, env, decoded).Delete(request);
        if (result.Status == ConfigStatus.EnvironmentNotFound
            || (result.Status == ConfigStatus.NotFound && result.LatestVersion == 0))
        {
            return await NotFound(grains, ns, env, decoded);
        }

        return result.IsSuccess
            ? TypedResults.Ok(new
            {
                @namespace = ns,
                environment = env,
                key = result.Key,
                version = result.Current!.Version,
                deleted = true,
            })
            : ConfigResults.Failure(result);
    }

    private static async Task<IResult> GetVersions(
        string ns, string env, string key, int? limit, int? before, HttpContext context, IGrainFactory grains)
    {
        var (decoded, problem) = RouteNames.DecodeKey(context, ns, env, key);
        if (problem is not null)
        {
            return problem;
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest($"limit={limit} is out of range; use 1 to 1000 (default 50).");
        }

        if (before is < 1)
        {
            return Problems.BadRequest($"before={before} is not a version; versions start at 1, and the page "
                + "before version N is read with before=N.");
        }

        var page = await Grain(grains, ns, env, decoded).GetVersions(before, limit ?? 50);
        if (page.Key is null)
        {
            return await NotFound(grains, ns, env, decoded);
        }

        var versions = page.Versions.Select(ConfigVersionBody.From).ToArray();

        return TypedResults.Ok(new ConfigHistoryBody(page.Key, versions, page.NextBefore));
    }

    private static async Task<IResult> Rollback(
        string ns, string env, string key, HttpContext context, IGrainFactory grains)
    {
        var (decoded, problem) = RouteNames.DecodeKey(context, ns, env, key);
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        if (problem is not null || conditionError is not null)
        {
            return problem ?? Problems.BadRequest(conditionError!);
        }

        var (version, comment, bodyProblem) = await RequestBodies.ReadRollbackAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var rollback = new ConfigRollback(version, Actor.Of(context), comment, conditions);
        var result = await Grain(grains, ns, env, decoded).Rollback(rollback);
        if (result.Status == ConfigStatus.VersionIsDeletion)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, result.Detail!);
        }

        if (result.Status == ConfigStatus.EnvironmentNotFound
            || (result.Status == ConfigStatus.VersionNotFound && result.LatestVersion == 0))
        {
            return await NotFound(grains, ns, env, decoded);
        }

        return ConfigResults.ToResponse(context, result, ns, env, decoded);
    }

    private static IConfigKeyGrain Grain(IGrainFactory grains, string ns, string env, string key) =>
        grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, env, key));

    /// <summary>Returns a 404 naming the missing namespace, environment or key.</summary>
    private static async Task<IResult> NotFound(IGrainFactory grains, string ns, string env, string key)
    {
        var environment = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetInfo();

        return environment is null
            ? await NamespacesApi.MissingScope(grains, ns, env)
            : Problems.NotFound($"The key '{key}' does not exist in {ns}/{env}.");
    }
}
