using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// A flag's lifecycle: <c>POST …/flags/{key}/archive</c>, <c>…/restore</c> and <c>…/lifecycle</c>
/// with <c>{"lifecycle": "active" | "stale" | "archived"}</c>. Each change is a new version.
/// </summary>
public static class FlagLifecycleApi
{
    private const string Example = """{"lifecycle": "stale", "comment": "optional text"}""";

    private const string CommentExample = """{"comment": "optional text"}""";

    public static void MapFlagLifecycleApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{key}/archive", Archive).RequirePermission(Permission.Write);
        group.MapPost("/{key}/restore", Restore).RequirePermission(Permission.Write);
        group.MapPost("/{key}/lifecycle", SetLifecycle).RequirePermission(Permission.Write);
    }

    private static Task<IResult> Archive(string ns, string env, string key, HttpContext context,
        IGrainFactory grains) => ChangeAsync(ns, env, key, FlagLifecycles.Archived, context, grains);

    private static Task<IResult> Restore(string ns, string env, string key, HttpContext context,
        IGrainFactory grains) => ChangeAsync(ns, env, key, FlagLifecycles.Active, context, grains);

    private static Task<IResult> SetLifecycle(string ns, string env, string key, HttpContext context,
        IGrainFactory grains) => ChangeAsync(ns, env, key, null, context, grains);

    /// <summary>
    /// Sets the lifecycle to <paramref name="lifecycle"/>, or to the body's when it is null. The body
    /// is optional for archive and restore, where it may carry a comment.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        string ns, string env, string key, string? lifecycle, HttpContext context, IGrainFactory grains)
    {
        var (conditions, problem) = FlagRoutes.CheckWrite(context, ns, env, key);
        if (problem is not null)
        {
            return problem;
        }

        var (target, comment, bodyProblem) = await ReadBodyAsync(context.Request, lifecycle);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var change = new FlagLifecycleChange(target!, Actor.Of(context), comment, conditions);
        var result = await FlagRoutes.Grain(grains, ns, env, key).SetLifecycle(change);
        if (result.Status == ConfigStatus.EnvironmentNotFound
            || (result.Status == ConfigStatus.NotFound && result.LatestVersion == 0))
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        return await FlagResults.ToResponseAsync(context, result, ns, env, key);
    }

    private static async Task<(string? Lifecycle, string? Comment, IResult? Problem)> ReadBodyAsync(
        HttpRequest request, string? lifecycle)
    {
        var hasBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (lifecycle is not null && !hasBody)
        {
            return (lifecycle, null, null);
        }

        var example = lifecycle is null ? Example : CommentExample;
        var (root, problem) = await RequestBodies.ReadObjectAsync(request, example);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        using var document = root!;
        var (comment, commentProblem) = RequestBodies.ReadComment(document.RootElement);
        if (commentProblem is not null || lifecycle is not null)
        {
            return (lifecycle, comment, commentProblem);
        }

        var found = document.RootElement.TryGetProperty("lifecycle", out var value) ? value : default;
        var text = found.ValueKind == JsonValueKind.String ? found.GetString() : null;
        if (FlagLifecycles.IsSettable(text))
        {
            return (text, comment, null);
        }

        var shown = found.ValueKind == JsonValueKind.Undefined ? "missing" : found.GetRawText();

        return (null, null, Problems.BadRequest($"'lifecycle' is {shown}; send \"active\", \"stale\" or "
            + $"\"archived\", for example {Example}. A flag becomes potentially stale by age, not by request."));
    }
}
