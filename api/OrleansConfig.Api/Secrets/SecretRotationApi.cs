using OrleansConfig.Api.Http;
using OrleansConfig.Api.Identity;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// A secret's rotation policy (<c>…/secrets/{name}/rotation</c>), a rotation on request
/// (<c>…/secrets/{name}/rotate</c>) and its history (<c>…/secrets/{name}/rotation/history</c>).
/// </summary>
public static class SecretRotationApi
{
    public static void MapSecretRotationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SecretsApi.Route + "/{name}").WithTags("Secret rotation");
        group.MapPut("/rotation", SetPolicy).RequirePermission(Permission.Write);
        group.MapGet("/rotation", GetPolicy).RequirePermission(Permission.Read);
        group.MapDelete("/rotation", RemovePolicy).RequirePermission(Permission.Write);
        group.MapPost("/rotate", RotateNow).RequirePermission(Permission.Write);
        group.MapGet("/rotation/history", GetHistory).RequirePermission(Permission.Read);
    }

    private static async Task<IResult> SetPolicy(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync<SecretPolicyRequestBody>(context.Request,
            SecretPolicyReader.Example);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (policy, problem) = SecretPolicyReader.Read(body!);
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }

        var result = await SecretsApi.Grain(grains, ns, env, name)
            .SetRotationPolicy(new SecretRotationPolicyChange(policy!, Actor.Of(context)));

        return await RotationResponse(grains, ns, env, name, result);
    }

    private static async Task<IResult> GetPolicy(string ns, string env, string name, IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var result = await SecretsApi.Grain(grains, ns, env, name).Get();
        if (result.IsSuccess && result.Secret!.Rotation is null)
        {
            return Problems.NotFound($"The secret '{name}' has no rotation policy; set one with PUT …/rotation, "
                + $"for example {SecretPolicyReader.Example}.");
        }

        return await RotationResponse(grains, ns, env, name, result);
    }

    private static async Task<IResult> RemovePolicy(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var result = await SecretsApi.Grain(grains, ns, env, name).RemoveRotationPolicy(Actor.Of(context));
        if (result.Status == SecretStatus.NoPolicy && result.LatestVersion == 0)
        {
            return await SecretsApi.NotFound(grains, ns, env, name);
        }

        return result.IsSuccess
            ? TypedResults.Ok(new { @namespace = ns, environment = env, name = result.Secret!.Name, rotation = "none" })
            : SecretResults.Failure(result);
    }

    private static async Task<IResult> RotateNow(string ns, string env, string name, HttpContext context,
        IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var result = await SecretsApi.Grain(grains, ns, env, name).RotateNow(Actor.Of(context));
        if (!result.IsSuccess && result.LatestVersion == 0)
        {
            return await SecretsApi.NotFound(grains, ns, env, name, result);
        }

        return SecretResults.ToResponse(context, result, ns, env, name);
    }

    private static async Task<IResult> GetHistory(string ns, string env, string name, int? limit, IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest($"limit={limit} is out of range; use 1 to 1000 (default 50).");
        }

        var grain = SecretsApi.Grain(grains, ns, env, name);
        var secret = await grain.Get();
        if (!secret.IsSuccess)
        {
            return await SecretsApi.NotFound(grains, ns, env, name, secret);
        }

        var attempts = await grain.GetRotationHistory(limit ?? 50);

        return TypedResults.Ok(new
        {
            @namespace = ns,
            environment = env,
            name = secret.Secret!.Name,
            attempts = attempts.Select(SecretRotationAttemptBody.From).ToArray(),
        });
    }

    /// <summary>Returns the secret's rotation, or the problem of a failed result.</summary>
    private static async Task<IResult> RotationResponse(IGrainFactory grains, string ns, string env, string name,
        SecretResult result)
    {
        if (!result.IsSuccess)
        {
            return result.LatestVersion == 0
                ? await SecretsApi.NotFound(grains, ns, env, name, result)
                : SecretResults.Failure(result);
        }

        var info = result.Secret!;

        return TypedResults.Ok(new
        {
            @namespace = ns,
            environment = env,
            name = info.Name,
            version = info.Current.Version,
            rotation = SecretRotationBody.From(info.Rotation!),
        });
    }
}
