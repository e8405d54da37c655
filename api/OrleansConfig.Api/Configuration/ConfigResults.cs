using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Configuration;

/// <summary>Maps a key grain's result to an HTTP response.</summary>
public static class ConfigResults
{
    public static IResult ToResponse(HttpContext context, ConfigResult result, string ns, string env, string key)
    {
        if (!result.IsSuccess)
        {
            return Failure(result);
        }

        var current = result.Current!;
        context.Response.Headers.ETag = ETags.ForVersion(current.Version);
        var body = new ConfigBody(ns, env, result.Key ?? key, current.Value is null ? null : new RawJson(current.Value),
            current.Version, current.UpdatedAt, current.Author, current.Comment, current.RolledBackFrom,
            result.Status is not (ConfigStatus.Unchanged or ConfigStatus.Found));

        return result.Status == ConfigStatus.Created
            ? TypedResults.Created(KeyPath(ns, env, result.Key ?? key), body)
            : TypedResults.Ok(body);
    }

    public static IResult Failure(ConfigResult result)
    {
        if (result.Status == ConfigStatus.AuditUnavailable)
        {
            return Problems.Unavailable(result.Detail ?? "The audit log cannot be written.");
        }

        if (result.Status == ConfigStatus.SchemaViolation)
        {
            return ViolationProblems.Create(result.Detail ?? "The value fails its schema.", result.Violations ?? [],
                new Dictionary<string, object?> { ["currentVersion"] = result.LatestVersion });
        }

        var status = result.Status switch
        {
            ConfigStatus.NotFound or ConfigStatus.EnvironmentNotFound or ConfigStatus.VersionNotFound
                or ConfigStatus.VersionIsDeletion => StatusCodes.Status404NotFound,
            ConfigStatus.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ConfigStatus.CaseConflict or ConfigStatus.Conflict => StatusCodes.Status409Conflict,
            ConfigStatus.ValueTooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };

        return Problems.Create(status, result.Detail ?? result.Status.ToString(),
            new Dictionary<string, object?> { ["currentVersion"] = result.LatestVersion });
    }

    public static string KeyPath(string ns, string env, string key) =>
        $"/v1/namespaces/{ns}/environments/{env}/configs/{Uri.EscapeDataString(key)}";
}
