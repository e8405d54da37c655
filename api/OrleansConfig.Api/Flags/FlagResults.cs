using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Flags;

/// <summary>Maps a flag grain's result to an HTTP response.</summary>
public static class FlagResults
{
    public static async Task<IResult> ToResponseAsync(HttpContext context, ConfigResult result, string ns, string env,
        string key, IReadOnlyList<FlagProblemBody>? warnings = null)
    {
        if (!result.IsSuccess)
        {
            return ConfigResults.Failure(result);
        }

        var body = await BodyAsync(context, result, ns, env, key, warnings ?? []);
        context.Response.Headers.ETag = ETags.ForVersion(body.Version);

        return result.Status == ConfigStatus.Created
            ? TypedResults.Created(FlagRoutes.FlagPath(ns, env, body.Key), body)
            : TypedResults.Ok(body);
    }

    private static async Task<FlagBody> BodyAsync(HttpContext context, ConfigResult result, string ns, string env,
        string key, IReadOnlyList<FlagProblemBody> warnings)
    {
        var current = result.Current!;
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var createdAt = await services.GetRequiredService<FlagCreationTimes>()
            .GetAsync(ns, env, key, current.Version, current.UpdatedAt);
        var flag = StoredFlag.Parse(current.Value!);
        var lifetime = flag.ExpectedLifetime is { } span ? (int)span.TotalDays : (int?)null;
        var age = new FlagAgeBody(createdAt, lifetime, FlagLifecycleView.StaleAfter(flag, createdAt));

        return new FlagBody(ns, env, result.Key ?? key, StoredFlag.Compact(current.Value!), current.Version,
            current.UpdatedAt, current.Author, current.Comment, current.RolledBackFrom, current.Action,
            FlagLifecycleView.Of(flag, createdAt, now), age,
            result.Status is not (ConfigStatus.Unchanged or ConfigStatus.Found), warnings);
    }
}
