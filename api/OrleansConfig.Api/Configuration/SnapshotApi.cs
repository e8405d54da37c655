using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansConfig.Api.Changes;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Configuration;

/// <summary>
/// A whole environment in one response: <c>GET …/environments/{env}/configs</c>. With
/// <c>If-None-Match</c> naming the current revision and <c>?wait=30s</c>, the request is a long poll:
/// it returns as soon as the revision moves, or 304 at the timeout.
/// </summary>
public static class SnapshotApi
{
    public static void MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/environments/{env}/configs", GetSnapshot)
            .WithTags("Configuration")
            .RequirePermission(Permission.Read);
    }

    private static async Task<IResult> GetSnapshot(string ns, string env, string? prefix, string? wait,
        HttpContext context, IGrainFactory grains, SnapshotCache cache, ChangeHub hub, IOptions<WatchOptions> options)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var (timeout, error) = LongPoll.ParseWait(wait, options.Value.MaxWait);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var result = await Read(ns, env, prefix, context, environment, cache);
        if (timeout <= TimeSpan.Zero || result.Revision < 0 || !ETags.NoneMatchHits(context.Request, result.ETag))
        {
            return result.Revision < 0 ? await NamespacesApi.MissingScope(grains, ns, env) : result.Response;
        }

        // The caller has this revision: hold the request until the next change, the timeout or a shutdown.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using (var listener = await hub.ListenAsync(ns, env, ended.Token))
        {
            if (await environment.GetRevision() == result.Revision)
            {
                await LongPoll.WaitForChange(listener, result.Revision, timeout, ended.Token);
            }
        }

        result = await Read(ns, env, prefix, context, environment, cache);

        return result.Revision < 0 ? await NamespacesApi.MissingScope(grains, ns, env) : result.Response;
    }

    private static async Task<SnapshotRead> Read(string ns, string env, string? prefix, HttpContext context,
        IEnvironmentGrain environment, SnapshotCache cache)
    {
        var cached = cache.Get(ns, env, prefix);
        var snapshot = await environment.GetSnapshotJson(prefix, cached?.Revision ?? -1);
        if (snapshot.Revision < 0)
        {
            return new SnapshotRead(-1, "", Results.Empty);
        }

        var etag = ETags.ForRevision(snapshot.Revision);
        context.Response.Headers.ETag = etag;
        if (ETags.NoneMatchHits(context.Request, etag))
        {
            return new SnapshotRead(snapshot.Revision, etag, TypedResults.StatusCode(StatusCodes.Status304NotModified));
        }

        var json = snapshot.ConfigsJson ?? cached!.ConfigsJson;
        if (snapshot.ConfigsJson is not null)
        {
            cache.Set(ns, env, prefix, new SnapshotCache.Entry(snapshot.Revision, snapshot.ConfigsJson));
        }

        return new SnapshotRead(snapshot.Revision, etag, new SnapshotResult(ns, env, snapshot.Revision, json));
    }

    private readonly record struct SnapshotRead(long Revision, string ETag, IResult Response);

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
