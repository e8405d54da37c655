using OrleansConfig.Api.Http;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>Maps a secret grain's result to an HTTP response.</summary>
public static class SecretResults
{
    public static IResult ToResponse(HttpContext context, SecretResult result, string ns, string env, string name)
    {
        if (!result.IsSuccess)
        {
            return Failure(result);
        }

        var info = result.Secret!;
        context.Response.Headers.ETag = ETags.ForVersion(info.Current.Version);
        var changed = result.Status is not (SecretStatus.Unchanged or SecretStatus.Found);
        var body = SecretBody.From(ns, env, info, changed);

        return result.Status == SecretStatus.Created
            ? TypedResults.Created(SecretPath(ns, env, info.Name), body)
            : TypedResults.Ok(body);
    }

    /// <summary>
    /// Returns the problem of a failed result. A ciphertext that fails its integrity check is a 500,
    /// because the stored data is at fault and not the request. An unusable key-encryption key is a 503.
    /// </summary>
    public static IResult Failure(SecretResult result) => Failure(result.Status, result.Detail, result.LatestVersion);

    public static IResult Failure(SecretStatus status, string? detail, int latestVersion)
    {
        var text = detail ?? status.ToString();
        if (status is SecretStatus.AuditUnavailable or SecretStatus.KeyUnavailable)
        {
            return Problems.Unavailable(text, retryAfterSeconds: 5);
        }

        var code = status switch
        {
            SecretStatus.NotFound or SecretStatus.EnvironmentNotFound or SecretStatus.VersionNotFound
                or SecretStatus.NoPrevious or SecretStatus.NoPolicy => StatusCodes.Status404NotFound,
            SecretStatus.VersionHasNoValue => StatusCodes.Status410Gone,
            SecretStatus.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            SecretStatus.CaseConflict => StatusCodes.Status409Conflict,
            SecretStatus.ValueTooLarge => StatusCodes.Status413PayloadTooLarge,
            SecretStatus.RotationFailed => StatusCodes.Status502BadGateway,
            SecretStatus.IntegrityFailure => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?>
        {
            ["currentVersion"] = latestVersion,
            ["error"] = ErrorCode(status),
        };

        return Problems.Create(code, text, extensions);
    }

    public static string SecretPath(string ns, string env, string name) =>
        $"/v1/namespaces/{ns}/environments/{env}/secrets/{name}";

    /// <summary>A stable kebab-case code of the failure, for clients that branch on it.</summary>
    private static string ErrorCode(SecretStatus status) => status switch
    {
        SecretStatus.IntegrityFailure => "secret-integrity",
        SecretStatus.VersionHasNoValue => "version-has-no-value",
        SecretStatus.NoPrevious => "no-previous",
        SecretStatus.RotationFailed => "rotation-failed",
        SecretStatus.InvalidPolicy => "invalid-policy",
        _ => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString()),
    };
}
