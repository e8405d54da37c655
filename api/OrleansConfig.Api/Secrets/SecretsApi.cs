using Microsoft.Extensions.Options;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// Secrets of one environment: <c>/v1/namespaces/{ns}/environments/{env}/secrets[/{name}…]</c>. Every
/// response but the reveal carries metadata only; the reveal is at <see cref="SecretRevealApi"/>.
/// </summary>
public static class SecretsApi
{
    public const string Route = "/v1/namespaces/{ns}/environments/{env}/secrets";

    /// <summary>How many secret grains a listing reads at once for their fingerprints.</summary>
    private const int ListParallelism = 16;

    public static void MapSecretsApi(this IEndpointRouteBuilder app, SecretApiOptions limits)
    {
        var group = app.MapGroup(Route).WithTags("Secrets");
        group.MapGet("", ListSecrets).RequirePermission(Permission.Read);
        group.MapGet("/{name}", GetSecret).RequirePermission(Permission.Read);
        group.MapPut("/{name}", (string ns, string env, string name, HttpContext context, IGrainFactory grains) =>
            PutSecret(ns, env, name, context, grains, limits.MaxValueBytes)).RequirePermission(Permission.Write);
        group.MapDelete("/{name}", DeleteSecret).RequirePermission(Permission.Write);
        group.MapGet("/{name}/versions", GetVersions).RequirePermission(Permission.Read);
        group.MapPost("/{name}/rollback", Rollback).RequirePermission(Permission.Write);
        group.MapPost("/{name}/purge", Purge).RequirePermission(Permission.AdministerSecrets);
    }

    /// <summary>Checks the route's names; returns the problem of the first invalid one.</summary>
    public static IResult? CheckNames(string ns, string env, string name) =>
        RouteNames.CheckScope(ns, env)
        ?? (SecretNameRules.ValidateName(name) is { } problem ? Problems.BadRequest(problem) : null);

    /// <summary>Checks the route's names and the request's If-Match and If-None-Match headers.</summary>
    private static (WriteConditions Conditions, IResult? Problem) CheckWrite(HttpContext context, string ns,
        string env, string name)
    {
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        var problem = CheckNames(ns, env, name)
            ?? (conditionError is null ? null : Problems.BadRequest(conditionError));

        return (conditions, problem);
    }

    public static ISecretGrain Grain(IGrainFactory grains, string ns, string env, string name) =>
        grains.GetGrain<ISecretGrain>(GrainKeys.Secret(ns, env, name));

    /// <summary>Returns a 404 naming the missing namespace, environment or secret.</summary>
    public static async Task<IResult> NotFound(IGrainFactory grains, string ns, string env, string name,
        SecretResult? result = null)
    {
        var environment = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetInfo();
        if (environment is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        return result is { LatestVersion: > 0 }
            ? SecretResults.Failure(result)
            : Problems.NotFound($"The secret '{name}' does not exist in {ns}/{env}; create it with PUT.");
    }

    private static async Task<IResult> ListSecrets(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } invalid)
        {
            return invalid;
        }

        var items = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env))
            .GetItems(ChangeKind.Secret, -1);
        if (items.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        // NOTE: fingerprints and key ids are read from each secret grain, because the environment's view
        // has names and versions only. That suits hundreds of secrets per environment.
        var entries = new SecretListEntryBody[items.Entries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ListParallelism }, async (i, _) =>
            {
                var entry = items.Entries[i];
                var info = (await Grain(grains, ns, env, entry.Key).Get()).Secret;
                entries[i] = new SecretListEntryBody(entry.Key, entry.Version, entry.UpdatedAt, entry.Author,
                    info?.Current.Fingerprint, info is null ? null : SecretBody.KeyName(info.Current),
                    info?.Rotation?.NextDueAt);
            });

        return TypedResults.Ok(new SecretListBody(ns, env, items.Revision, entries));
    }

    private static async Task<IResult> GetSecret(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        if (CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var result = await Grain(grains, ns, env, name).Get();
        if (!result.IsSuccess)
        {
            return await NotFound(grains, ns, env, name, result);
        }

        var etag = ETags.ForVersion(result.LatestVersion);
        if (ETags.NoneMatchHits(context.Request, etag))
        {
            context.Response.Headers.ETag = etag;

            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    private static async Task<IResult> PutSecret(string ns, string env, string name, HttpContext context,
        IGrainFactory grains, int maxValueBytes)
    {
        var (conditions, invalid) = CheckWrite(context, ns, env, name);
        if (invalid is not null)
        {
            return invalid;
        }

        var (value, comment, problem) = await SecretValueReader.ReadAsync(context.Request, maxValueBytes);
        if (problem is not null)
        {
            return problem;
        }

        SecretResult result;
        try
        {
            result = await Grain(grains, ns, env, name)
                .Put(new SecretPut(name, value!, Actor.Of(context), comment, conditions));
        }
        finally
        {
            value!.Clear();
        }

        if (result.Status == SecretStatus.EnvironmentNotFound)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    private static async Task<IResult> DeleteSecret(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        var (conditions, invalid) = CheckWrite(context, ns, env, name);
        if (invalid is not null)
        {
            return invalid;
        }

        var delete = new ConfigDelete(Actor.Of(context), null, conditions);
        var result = await Grain(grains, ns, env, name).Delete(delete);
        if (result.Status is SecretStatus.EnvironmentNotFound or SecretStatus.NotFound)
        {
            return await NotFound(grains, ns, env, name, result);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    private static async Task<IResult> GetVersions(string ns, string env, string name, int? limit, int? before,
        IGrainFactory grains)
    {
        if (CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
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

        var page = await Grain(grains, ns, env, name).GetVersions(before, limit ?? 50);
        if (page.Name is null)
        {
            return await NotFound(grains, ns, env, name);
        }

        var versions = page.Versions.Select(SecretVersionBody.From).ToArray();

        return TypedResults.Ok(new SecretHistoryBody(page.Name, versions, page.NextBefore));
    }

    /// <summary>Rolls back to a version's value, which the grain re-encrypts; the caller never sees it.</summary>
    private static async Task<IResult> Rollback(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        var (conditions, invalid) = CheckWrite(context, ns, env, name);
        if (invalid is not null)
        {
            return invalid;
        }

        var (version, comment, bodyProblem) = await RequestBodies.ReadRollbackAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var result = await Grain(grains, ns, env, name)
            .Rollback(new ConfigRollback(version, Actor.Of(context), comment, conditions));
        if (result.Status == SecretStatus.EnvironmentNotFound
            || (result.Status is SecretStatus.VersionNotFound or SecretStatus.NotFound && result.LatestVersion == 0))
        {
            return await NotFound(grains, ns, env, name, result);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    /// <summary>
    /// Destroys every ciphertext of the secret. The body must repeat the name,
    /// <c>{"confirm": "db-password"}</c>, so a purge is never sent by accident.
    /// </summary>
    private static async Task<IResult> Purge(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        if (CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var example = $$"""{"confirm": "{{name}}", "comment": "optional text"}""";
        var (body, problem) = await Identity.JsonBody.ReadAsync<PurgeBody>(context.Request, example);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.Equals(body!.Confirm, name, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"A purge destroys every version's value for good; confirm it by sending the "
                + $"secret's name in the body: {example}.");
        }

        var result = await Grain(grains, ns, env, name).Purge(new SecretPurge(Actor.Of(context), body.Comment));
        if (result.Status is SecretStatus.EnvironmentNotFound or SecretStatus.NotFound)
        {
            return await NotFound(grains, ns, env, name, result);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    private sealed record PurgeBody(string? Confirm, string? Comment);
}
