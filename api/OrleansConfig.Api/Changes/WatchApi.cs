using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Changes;

/// <summary>
/// <c>GET …/environments/{env}/watch</c>: the environment's changes as Server-Sent Events, in revision
/// order, each once. <c>Last-Event-ID</c> or <c>?fromRevision=N</c> resumes after revision N, replaying
/// from the change log; a <c>resync</c> event means the log no longer reaches back that far.
/// </summary>
public static class WatchApi
{
    private const int PageSize = 500;

    public static void MapWatchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/environments/{env}/watch", Watch)
            .WithTags("Changes")
            .RequirePermission(Permission.Read);
    }

    private static async Task<IResult> Watch(string ns, string env, string? fromRevision, string? prefix,
        HttpContext context, IGrainFactory grains, ChangeHub hub, IOptions<WatchOptions> options)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        var (resume, error) = lastEventId.Length > 0
            ? ParseRevision(lastEventId, "Last-Event-ID")
            : fromRevision is not null ? ParseRevision(fromRevision, "fromRevision") : (null, null);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var head = await environment.GetRevision();
        if (head < 0)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var listener = await hub.ListenAsync(ns, env, context.RequestAborted);

        return new WatchStream(ns, env, environment, hub, listener, head, resume ?? head, prefix,
            options.Value.HeartbeatInterval);
    }

    private static (long? Revision, string? Error) ParseRevision(string text, string name) =>
        text.Length > 0 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? (revision, null)
            : (null, $"{name} '{text}' is not a revision; send the id of the last event received, "
                + "a whole number from 0, or leave it out to receive changes from now on.");

    /// <summary>Streams one watch until the client disconnects.</summary>
    private sealed class WatchStream(
        string ns,
        string env,
        IEnvironmentGrain environment,
        ChangeHub hub,
        ChangeListener listener,
        long head,
        long after,
        string? prefix,
        TimeSpan heartbeat) : IResult
    {
        private long _sent = after;

        /// <summary>True after reading from the log failed, until a catch-up succeeds.</summary>
        private bool _behind;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;

            // A watch ends when the client leaves or the api stops, so it never holds up a shutdown.
            var lifetime = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>();
            var stopping = lifetime.ApplicationStopping;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
            var aborted = ended.Token;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            try
            {
                ChangeEventWriter.WriteReady(response.BodyWriter, head);
                await CatchUp(response, null, aborted);
                await response.BodyWriter.FlushAsync(aborted);
                await Follow(httpContext, response, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away.
            }
            finally
            {
                listener.Dispose();
            }
        }

        private async Task Follow(HttpContext context, HttpResponse response, CancellationToken aborted)
        {
            var checkedAt = DateTime.UtcNow;
            while (!aborted.IsCancellationRequested)
            {
                // A watch outlives the request's authentication: check the credential again now and then,
                // so a revoked or expired key stops receiving changes within one heartbeat interval.
                if (DateTime.UtcNow - checkedAt >= heartbeat)
                {
                    if (await CredentialProblem(context) is { } problem)
                    {
                        ChangeEventWriter.WriteError(response.BodyWriter, StatusCodes.Status401Unauthorized, problem);
                        await response.BodyWriter.FlushAsync(aborted);

                        return;
                    }

                    checkedAt = DateTime.UtcNow;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(heartbeat);
                bool more;
                try
                {
                    more = await listener.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.BodyWriter.WriteAsync(ChangeEventWriter.Heartbeat, aborted);
                    if (_behind)
                    {
                        _behind = !await TryCatchUp(response, aborted);
                    }

                    continue;
                }

                if (!more)
                {
                    // Fell behind the hub: listen again, then read what was missed from the log.
                    listener.Dispose();
                    listener = await hub.ListenAsync(ns, env, aborted);
                    await CatchUp(response, null, aborted);
                    await response.BodyWriter.FlushAsync(aborted);
                    continue;
                }

                while (listener.Reader.TryRead(out var delivery))
                {
                    try
                    {
                        await Send(response, delivery, aborted);
                    }
                    catch (Exception exception) when (UnavailableExceptionHandler.IsUnavailable(exception)
                        && !aborted.IsCancellationRequested)
                    {
                        // Reading a gap from the log failed while the cluster recovers: the next delivery,
                        // or the next heartbeat, reads again from the last event sent.
                        _behind = true;
                        await Task.Delay(TimeSpan.FromMilliseconds(500), aborted);
                    }
                }

                await response.BodyWriter.FlushAsync(aborted);
            }
        }

        /// <summary>
        /// Checks the request's credential again, bypassing the result that authentication cached for the
        /// request: an API key at its grain, a JWT against its expiry.
        /// </summary>
        private static async Task<string?> CredentialProblem(HttpContext context)
        {
            var caller = Caller.Of(context);
            if (caller.Kind == CredentialKind.Jwt)
            {
                var expires = context.User.FindFirst("exp")?.Value;

                return long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && DateTimeOffset.FromUnixTimeSeconds(seconds) <= DateTimeOffset.UtcNow
                    ? "The token of this watch has expired; reconnect with a new token."
                    : null;
            }

            if (!AuthenticationSchemes.TryReadApiKey(context.Request, out var token)
                || !BearerKey.TryParse(token, out var id, out var hash))
            {
                return null;
            }

            var keys = context.RequestServices.GetRequiredService<IKeyAuthenticator>();
            AuthenticationResult result;
            try
            {
                result = await keys.AuthenticateAsync(id, hash);
            }
            catch (Exception exception) when (UnavailableExceptionHandler.IsUnavailable(exception))
            {
                // The key's grain is moving to another silo: keep the watch and check at the next interval.
                return null;
            }

            return result.Status == AuthenticationStatus.Authenticated
                ? null
                : $"The key of this watch is no longer valid ({result.Status.ToString().ToLowerInvariant()}); "
                    + "reconnect with a valid key.";
        }

        private async Task Send(HttpResponse response, ChangeDelivery delivery, CancellationToken aborted)
        {
            if (delivery.Resync)
            {
                await CatchUp(response, null, aborted);
                return;
            }

            var first = delivery.Events.FirstOrDefault(e => e.Revision > _sent);
            if (first is null)
            {
                return;
            }

            if (first.Revision > _sent + 1)
            {
                await CatchUp(response, first.Revision - 1, aborted);
            }

            Write(response, delivery.Events.Where(e => e.Revision > _sent));
        }

        private async Task<bool> TryCatchUp(HttpResponse response, CancellationToken aborted)
        {
            try
            {
                await CatchUp(response, null, aborted);

                return true;
            }
            catch (Exception exception) when (UnavailableExceptionHandler.IsUnavailable(exception)
                && !aborted.IsCancellationRequested)
            {
                return false;
            }
        }

        /// <summary>
        /// Sends the log's events after the last one sent, up to <paramref name="upTo"/>, or up to the
        /// head when it is null.
        /// </summary>
        private async Task CatchUp(HttpResponse response, long? upTo, CancellationToken aborted)
        {
            while (upTo is null || _sent < upTo)
            {
                var page = await environment.GetChanges(_sent, PageSize).WaitAsync(aborted);
                if (page.Resync)
                {
                    ChangeEventWriter.WriteResync(response.BodyWriter, page.Head, page.FirstRetained);
                    _sent = page.Head;

                    return;
                }

                var before = _sent;
                Write(response, page.Events.Where(e => upTo is null || e.Revision <= upTo));
                if (_sent == before)
                {
                    return;
                }

                await response.BodyWriter.FlushAsync(aborted);
            }
        }

        private void Write(HttpResponse response, IEnumerable<ChangeEvent> events)
        {
            foreach (var change in events)
            {
                if (change.Revision != _sent + 1)
                {
                    continue;
                }

                _sent = change.Revision;
                if (string.IsNullOrEmpty(prefix) || change.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    ChangeEventWriter.WriteChange(response.BodyWriter, change);
                }
            }
        }
    }
}
