using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Configuration;

/// <summary>A whole environment in one response: <c>GET …/environments/{env}/configs</c>.</summary>
public static class SnapshotApi
{
    public static void MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/environments/{env}/configs", GetSnapshot)
            .WithTags("Configuration")
            .RequirePermission(Permission.Read);
    }

    private static async Task<IResult> GetSnapshot(
        string ns, string env, string? prefix, HttpContext context, IGrainFactory grains, SnapshotCache cache)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var cached = cache.Get(ns, env, prefix);
        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var snapshot = await environment.GetSnapshotJson(prefix, cached?.Revision ?? -1);
        if (snapshot.Revision < 0)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var etag = ETags.ForRevision(snapshot.Revision);
        context.Response.Headers.ETag = etag;
        if (ETags.NoneMatchHits(context.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var json = snapshot.ConfigsJson ?? cached!.ConfigsJson;
        if (snapshot.ConfigsJson is not null)
        {
            cache.Set(ns, env, prefix, new SnapshotCache.Entry(snapshot.Revision, snapshot.ConfigsJson));
        }

        return new SnapshotResult(ns, env, snapshot.Revision, json);
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
