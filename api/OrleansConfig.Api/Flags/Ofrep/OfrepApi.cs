using System.Security.Cryptography;
using System.Text.Json;
using OrleansConfig.Api.Flags.Evaluation;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Ofrep;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol: <c>POST /ofrep/v1/evaluate/flags/{key}</c> evaluates one
/// flag and <c>POST /ofrep/v1/evaluate/flags</c> every flag of the environment, with an <c>ETag</c> that
/// <c>If-None-Match</c> turns into 304. Both evaluate in this process from <see cref="FlagEvaluationCache"/>.
/// <c>GET /ofrep/v1/configuration</c> returns the capabilities that providers may rely on.
/// </summary>
public static class OfrepApi
{
    /// <summary>The shortest bulk polling interval a provider should use; a 304 costs one hash.</summary>
    public const int MinPollingIntervalMs = 1000;

    // The configuration is the same for every caller and every process, so its tag is a hash of it.
    private static readonly byte[] s_configuration = JsonSerializer.SerializeToUtf8Bytes(new
    {
        name = "OrleansConfig",
        capabilities = new
        {
            cacheInvalidation = new { polling = new { enabled = true, minPollingIntervalMs = MinPollingIntervalMs } },
            flagEvaluation = new { supportedTypes = new[] { "boolean", "string", "int", "float", "object" } },
        },
    });

    private static readonly string s_configurationETag =
        "\"c-" + Convert.ToHexStringLower(SHA256.HashData(s_configuration).AsSpan(0, 8)) + "\"";

    public static void MapOfrepApi(this IEndpointRouteBuilder app)
    {
        var ofrep = app.MapGroup("/ofrep/v1/evaluate").WithTags("OFREP").RequireCaller();
        ofrep.MapPost("/flags/{key}", EvaluateFlag);
        ofrep.MapPost("/flags", EvaluateFlags);
        app.MapGet("/ofrep/v1/configuration", Configuration).WithTags("OFREP").RequireCaller();
    }

    /// <summary>
    /// The provider configuration: bulk results may be polled (with <c>If-None-Match</c>) no more often
    /// than <see cref="MinPollingIntervalMs"/>, and every OpenFeature flag type is served.
    /// </summary>
    private static IResult Configuration(HttpContext context)
    {
        context.Response.Headers.ETag = s_configurationETag;

        return ETags.NoneMatchHits(context.Request, s_configurationETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(s_configuration, "application/json");
    }

    private static async Task<IResult> EvaluateFlag(string key, HttpContext context, FlagEvaluationCache cache)
    {
        var (scope, status, problem) = OfrepScope.Resolve(context);
        if (problem is not null)
        {
            return status == StatusCodes.Status403Forbidden
                ? new ForbiddenResult(problem)
                : OfrepResults.FlagFailure(status, key, FlagErrorCode.General, problem);
        }

        var (request, invalid) = await OfrepRequest.ReadAsync(context.Request);
        if (request is null)
        {
            return OfrepResults.FlagFailure(StatusCodes.Status400BadRequest, key, FlagErrorCode.InvalidContext,
                invalid!);
        }

        using (request)
        {
            var flags = await cache.GetAsync(scope.Namespace, scope.Environment, context.RequestAborted);

            return flags.Exists
                ? OfrepResults.Flag(flags.Evaluate(key, request.Context))
                : OfrepResults.FlagFailure(StatusCodes.Status404NotFound, key, FlagErrorCode.FlagNotFound,
                    MissingEnvironment(scope));
        }
    }

    private static async Task<IResult> EvaluateFlags(HttpContext context, FlagEvaluationCache cache, TimeProvider time)
    {
        var (scope, status, problem) = OfrepScope.Resolve(context);
        if (problem is not null)
        {
            return status == StatusCodes.Status403Forbidden
                ? new ForbiddenResult(problem)
                : OfrepResults.BulkFailure(status, FlagErrorCode.General, problem);
        }

        var (request, invalid) = await OfrepRequest.ReadAsync(context.Request);
        if (request is null)
        {
            return OfrepResults.BulkFailure(StatusCodes.Status400BadRequest, FlagErrorCode.InvalidContext, invalid!);
        }

        using (request)
        {
            if (request.Context.Problem is { } contextProblem)
            {
                return OfrepResults.BulkFailure(StatusCodes.Status400BadRequest, FlagErrorCode.InvalidContext,
                    contextProblem);
            }

            var flags = await cache.GetAsync(scope.Namespace, scope.Environment, context.RequestAborted);
            if (!flags.Exists)
            {
                return OfrepResults.BulkFailure(StatusCodes.Status404NotFound, FlagErrorCode.General,
                    MissingEnvironment(scope));
            }

            var etag = OfrepETag.For(scope, flags, request.Body, time);
            context.Response.Headers.ETag = etag;

            return ETags.NoneMatchHits(context.Request, etag)
                ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                : OfrepResults.Bulk(flags.EvaluateAll(request.Context));
        }
    }

    private static string MissingEnvironment(OfrepScope scope) =>
        $"The environment '{scope.Namespace}/{scope.Environment}' does not exist; create it, or name an existing "
        + $"one in the headers {OfrepScope.NamespaceHeader} and {OfrepScope.EnvironmentHeader}.";

    private sealed class ForbiddenResult(string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            CredentialProblems.WriteForbiddenAsync(httpContext, detail);
    }
}
