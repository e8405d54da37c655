using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Configuration;

/// <summary>A whole environment in one response: <c>GET …/environments/{env}/configs</c>.</summary>
public static class SnapshotApi
{
    public static void MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/environments/{env}/configs", GetSnapshot).WithTags("Configuration");
    }

    private static async Task<IResult> GetSnapshot(string ns, string env, string? prefix, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));

        // A conditional request asks only for the revision, so a client that is up to date costs no transfer.
        if (context.Request.Headers.IfNoneMatch.Count > 0)
        {
            var revision = await environment.GetRevision();
            if (revision >= 0 && ETags.NoneMatchHits(context.Request, ETags.ForRevision(revision)))
            {
                context.Response.Headers.ETag = ETags.ForRevision(revision);

                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        var snapshot = await environment.GetSnapshotJson(prefix);
        if (snapshot.ConfigsJson is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        context.Response.Headers.ETag = ETags.ForRevision(snapshot.Revision);

        return new SnapshotResult(ns, env, snapshot.Revision, snapshot.ConfigsJson);
    }

    /// <summary>Writes the snapshot envelope around the configs array the environment grain serialized.</summary>
    private sealed class SnapshotResult(string ns, string env, long revision, byte[] configsJson) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter))
            {
                writer.WriteStartObject();
                writer.WriteString("namespace", ns);
                writer.WriteString("environment", env);
                writer.WriteNumber("revision", revision);
                writer.WritePropertyName("configs");
                writer.WriteRawValue(configsJson, skipInputValidation: true);
                writer.WriteEndObject();
            }

            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }
}
