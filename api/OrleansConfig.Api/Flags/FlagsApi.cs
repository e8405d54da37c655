using Microsoft.AspNetCore.Mvc;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags;

/// <summary>Single flags: <c>/v1/namespaces/{ns}/environments/{env}/flags/{key}</c>.</summary>
public static class FlagsApi
{
    /// <summary>Bytes of request body allowed on top of the value limit, for escaping.</summary>
    private const long BodyOverhead = 64 * 1024;

    /// <summary>Maps every flag endpoint of the management API.</summary>
    public static void MapFlagsApi(this IEndpointRouteBuilder app, ConfigStoreOptions limits)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}/flags").WithTags("Flags");
        var bodyLimit = new RequestSizeLimitAttribute(limits.MaxValueBytes + BodyOverhead);
        group.MapGet("/{key}", GetFlag).RequirePermission(Permission.Read);
        group.MapPut("/{key}", PutFlag).WithMetadata(bodyLimit).RequirePermission(Permission.Write);
        group.MapDelete("/{key}", DeleteFlag).RequirePermission(Permission.Write);
        group.MapGet("/{key}/versions", GetVersions).RequirePermission(Permission.Read);
        group.MapPost("/{key}/rollback", Rollback).RequirePermission(Permission.Write);
        group.MapFlagLifecycleApi();
        group.MapFlagSchedulesApi();
        group.MapFlagListApi();
        group.MapFlagImportExportApi();
    }

    private static async Task<IResult> GetFlag(
        string ns, string env, string key, int? version, HttpContext context, IGrainFactory grains)
    {
        if (FlagRoutes.Check(ns, env, key) is { } problem)
        {
            return problem;
        }

        if (version is < 1)
        {
            return Problems.BadRequest($"version={version} is not a version; versions start at 1.");
        }

        var result = await FlagRoutes.Grain(grains, ns, env, key).Get(version);
        if (result.Status == ConfigStatus.NotFound && result.LatestVersion == 0)
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        var notModified = result.IsSuccess && version is null
            && ETags.NoneMatchHits(context.Request, ETags.ForVersion(result.Current!.Version));
        if (notModified)
        {
            context.Response.Headers.ETag = ETags.ForVersion(result.Current!.Version);

            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return await FlagResults.ToResponseAsync(context, result, ns, env, key);
    }

    private static async Task<IResult> PutFlag(
        string ns, string env, string key, string? comment, HttpContext context, IGrainFactory grains)
    {
        var (conditions, problem) = FlagRoutes.CheckWrite(context, ns, env, key, comment);
        if (problem is not null)
        {
            return problem;
        }

        var (document, warnings, bodyProblem) = await FlagDocumentInput.ReadAsync(context.Request, key);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var request = new ConfigPut(key, document!.Write(), Actor.Of(context), comment, conditions);
        var result = await FlagRoutes.Grain(grains, ns, env, key).Put(request);
        if (result.Status == ConfigStatus.EnvironmentNotFound)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        return await FlagResults.ToResponseAsync(context, result, ns, env, key, warnings);
    }

    private static async Task<IResult> DeleteFlag(
        string ns, string env, string key, string? comment, HttpContext context, IGrainFactory grains)
    {
        var (conditions, problem) = FlagRoutes.CheckWrite(context, ns, env, key, comment);
        if (problem is not null)
        {
            return problem;
        }

        var result = await FlagRoutes.Grain(grains, ns, env, key).Delete(new ConfigDelete(Actor.Of(context), comment,
            conditions));
        if (result.Status == ConfigStatus.EnvironmentNotFound
            || (result.Status == ConfigStatus.NotFound && result.LatestVersion == 0))
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        return result.IsSuccess
            ? TypedResults.Ok(new FlagDeletedBody(ns, env, result.Key ?? key, result.Current!.Version, true))
            : ConfigResults.Failure(result);
    }

    private static async Task<IResult> GetVersions(
        string ns, string env, string key, int? limit, int? before, IGrainFactory grains)
    {
        if (FlagRoutes.Check(ns, env, key) is { } problem)
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

        var page = await FlagRoutes.Grain(grains, ns, env, key).GetVersions(before, limit ?? 50);
        if (page.Key is null)
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        var versions = page.Versions.Select(v => new FlagVersionBody(v.Version,
            v.Value is null ? null : StoredFlag.Compact(v.Value), v.IsDeleted, v.UpdatedAt, v.Author, v.Comment,
            v.RolledBackFrom, v.Action)).ToArray();

        return TypedResults.Ok(new FlagHistoryBody(page.Key, versions, page.NextBefore));
    }

    private static async Task<IResult> Rollback(
        string ns, string env, string key, HttpContext context, IGrainFactory grains)
    {
        var (conditions, problem) = FlagRoutes.CheckWrite(context, ns, env, key);
        if (problem is not null)
        {
            return problem;
        }

        var (version, comment, bodyProblem) = await RequestBodies.ReadRollbackAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var rollback = new ConfigRollback(version, Actor.Of(context), comment, conditions);
        var result = await FlagRoutes.Grain(grains, ns, env, key).Rollback(rollback);
        if (result.Status == ConfigStatus.VersionIsDeletion)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, result.Detail!);
        }

        if (result.Status == ConfigStatus.EnvironmentNotFound
            || (result.Status == ConfigStatus.VersionNotFound && result.LatestVersion == 0))
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        return await FlagResults.ToResponseAsync(context, result, ns, env, key);
    }
}
