using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansConfig.Tests.Secrets;

/// <summary>
/// A rotation webhook on 127.0.0.1 and a port the OS assigns, in this process, standing in for the service
/// that would issue a new credential: POST / with the secret's coordinates returns <c>{"value": "…"}</c>,
/// or HTTP 500 while <see cref="Failing"/> is set. It records each request it received.
/// </summary>
internal sealed class FakeRotationWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _issued;

    private FakeRotationWebhook(WebApplication app)
    {
        _app = app;
    }

    public Uri Address { get; private set; } = null!;

    public bool Failing { get; set; }

    /// <summary>The bodies of the requests received, oldest first.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>The values the webhook returned, oldest first.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    public static async Task<FakeRotationWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var webhook = new FakeRotationWebhook(builder.Build());
        webhook._app.MapPost("/", webhook.Issue);

        await webhook._app.StartAsync();
        webhook.Address = new Uri(webhook._app.Urls.Single());

        return webhook;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> Issue(HttpRequest request)
    {
        Requests.Enqueue(await JsonNode.ParseAsync(request.Body) as JsonObject ?? []);
        if (Failing)
        {
            return Results.Json(new JsonObject { ["error"] = "issuer unavailable" }, statusCode: 500);
        }

        var value = $"webhook-issued-{Interlocked.Increment(ref _issued)}-{Guid.NewGuid():N}";
        Issued.Enqueue(value);

        return Results.Json(new JsonObject { ["value"] = value });
    }
}
