using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansConfig.Tests.Client;

/// <summary>
/// A Kestrel server on 127.0.0.1 that serves one environment's snapshot and watch stream by the api's
/// protocol. Its switches produce what a real api does not produce on demand: a silent stream, a
/// change log that no longer reaches back, and rejected keys.
/// </summary>
internal sealed class FakeConfigServer : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Environment = "prod";

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (string Value, int Version)> _current =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _log = [];
    private readonly WebApplication _app;

    private FakeConfigServer(string apiKey, int port)
    {
        ApiKey = apiKey;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        var path = $"/v1/namespaces/{Namespace}/environments/{Environment}";
        _app.MapGet(path + "/configs", ServeSnapshotAsync);
        _app.MapGet(path + "/watch", ServeWatchAsync);
    }

    public string ApiKey { get; set; }

    public Uri Address { get; private set; } = null!;

    public long Revision { get; private set; }

    /// <summary>Events after a revision below this one are no longer kept: a watch from there gets a resync.</summary>
    public long FirstRetained { get; set; } = 1;

    /// <summary>When set, open and new watch streams send nothing at all, not even heartbeats.</summary>
    public bool Silent { get; set; }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public int SnapshotRequests;

    public int WatchRequests;

    /// <summary>The Last-Event-ID of each watch request, null where it had none.</summary>
    public List<string?> LastEventIds { get; } = [];

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when it is 0.</summary>
    public static async Task<FakeConfigServer> StartAsync(string apiKey, int port = 0)
    {
        var server = new FakeConfigServer(apiKey, port);
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Urls.First());

        return server;
    }

    public void Put(string key, string valueJson)
    {
        lock (_gate)
        {
            var version = _current.TryGetValue(key, out var old) ? old.Version + 1 : 1;
            _current[key] = (valueJson, version);
            Append(key, version, valueJson, deleted: false);
        }
    }

    public void Delete(string key)
    {
        lock (_gate)
        {
            var version = _current[key].Version + 1;
            _current.Remove(key);
            Append(key, version, null, deleted: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Append(string key, int version, string? valueJson, bool deleted)
    {
        Revision++;
        var revision = Revision.ToString(CultureInfo.InvariantCulture);
        _log.Add($"id: {revision}\nevent: change\n"
            + $"data: {{\"revision\":{revision},\"kind\":\"config\",\"key\":\"{key}\","
            + $"\"version\":{version},\"value\":{valueJson ?? "null"},\"deleted\":{(deleted ? "true" : "false")},"
            + "\"actor\":\"test\",\"time\":\"2026-01-01T00:00:00+00:00\","
            + "\"comment\":null,\"rolledBackFrom\":null}\n\n");
    }

    private async Task ServeSnapshotAsync(HttpContext context)
    {
        Interlocked.Increment(ref SnapshotRequests);
        if (!await AuthorizeAsync(context))
        {
            return;
        }

        string body;
        lock (_gate)
        {
            var configs = _current.Select(p =>
                $"{{\"key\":\"{p.Key}\",\"value\":{p.Value.Value},\"version\":{p.Value.Version},"
                + "\"updatedAt\":\"2026-01-01T00:00:00+00:00\",\"author\":\"test\"}");
            body = $"{{\"namespace\":\"{Namespace}\",\"environment\":\"{Environment}\",\"revision\":{Revision},"
                + $"\"configs\":[{string.Join(',', configs)}]}}";
            context.Response.Headers.ETag = $"\"r{Revision}\"";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private async Task ServeWatchAsync(HttpContext context)
    {
        Interlocked.Increment(ref WatchRequests);
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        lock (_gate)
        {
            LastEventIds.Add(lastEventId);
        }

        if (!await AuthorizeAsync(context))
        {
            return;
        }

        context.Response.ContentType = "text/event-stream";
        if (Silent)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

            return;
        }

        long sent;
        lock (_gate)
        {
            sent = lastEventId is null ? Revision : long.Parse(lastEventId, CultureInfo.InvariantCulture);
        }

        var ready = $"event: ready\ndata: {{\"revision\":{Revision}}}\n\n";
        await context.Response.WriteAsync(ready, context.RequestAborted);
        if (sent < FirstRetained - 1 || sent > Revision)
        {
            sent = Revision;
            await context.Response.WriteAsync(
                $"id: {sent}\nevent: resync\ndata: {{\"revision\":{sent},\"firstRetained\":{FirstRetained}}}\n\n");
        }

        await FollowAsync(context, sent);
    }

    private async Task FollowAsync(HttpContext context, long sent)
    {
        var lastWrite = DateTime.UtcNow;
        while (!context.RequestAborted.IsCancellationRequested && !Silent)
        {
            string[] pending;
            lock (_gate)
            {
                pending = [.. _log.Skip((int)sent)];
                sent = _log.Count;
            }

            foreach (var text in pending)
            {
                await context.Response.WriteAsync(text, context.RequestAborted);
                lastWrite = DateTime.UtcNow;
            }

            if (DateTime.UtcNow - lastWrite >= HeartbeatInterval)
            {
                await context.Response.WriteAsync(": heartbeat\n\n", context.RequestAborted);
                lastWrite = DateTime.UtcNow;
            }

            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(20, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() == "Bearer " + ApiKey)
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync("{\"status\":401,\"detail\":\"The API key is invalid or revoked.\"}");

        return false;
    }
}
