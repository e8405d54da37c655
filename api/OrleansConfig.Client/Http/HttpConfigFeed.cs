using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansConfig.Client.Feed;
using OrleansConfig.Client.Sse;

namespace OrleansConfig.Client.Http;

/// <summary>
/// Reads an environment from the HTTP api: <c>GET …/configs</c> for snapshots and the server-sent
/// event stream <c>GET …/watch</c> for changes, resumed with <c>Last-Event-ID</c>.
/// </summary>
internal sealed class HttpConfigFeed : IConfigFeed
{
    private readonly HttpClient _http;
    private readonly string _environmentPath;
    private readonly string? _prefix;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;

    public HttpConfigFeed(OrleansConfigOptions options, HttpMessageHandler? handler = null)
    {
        // Relative paths resolve below the base only when it ends with a slash, as in http://host/oc/.
        var baseAddress = options.BaseAddress!.AbsoluteUri.EndsWith('/')
            ? options.BaseAddress
            : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        _environmentPath = $"v1/namespaces/{Uri.EscapeDataString(options.Namespace)}/environments/"
            + Uri.EscapeDataString(options.Environment);
        _prefix = string.IsNullOrEmpty(options.Prefix) ? null : options.Prefix;
        _requestTimeout = options.RequestTimeout;
        _idleTimeout = options.IdleTimeout;
        _time = options.TimeProvider;
        Description = new Uri(baseAddress, _environmentPath).ToString();
    }

    public string Description { get; }

    public async Task<ConfigSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var path = _environmentPath + "/configs" + (_prefix is null ? "" : "?prefix=" + Uri.EscapeDataString(_prefix));
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            await EnsureSuccessAsync(response, "snapshot", linked.Token);
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: linked.Token);

            return PlatformJson.ReadSnapshot(document.RootElement);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            throw new FeedException($"The snapshot request timed out after {_requestTimeout.TotalSeconds:0.#} s.",
                isTransient: true, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or JsonException)
        {
            throw Wrap("snapshot request", exception);
        }
    }

    public async IAsyncEnumerable<FeedMessage> WatchAsync(
        long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = await OpenStreamAsync(afterRevision, idle, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var reader = new SseReader(body) { LineRead = () => idle.CancelAfter(_idleTimeout) };
        idle.CancelAfter(_idleTimeout);

        await using var events = reader.ReadEventsAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        while (true)
        {
            SseEvent sseEvent;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }

                sseEvent = events.Current;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FeedException($"The change stream sent nothing for {_idleTimeout.TotalSeconds:0.#} s, "
                    + "not even a heartbeat.", isTransient: true, exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw Wrap("change stream", exception);
            }

            if (ToMessage(sseEvent) is { } message)
            {
                yield return message;
            }
        }
    }

    public async Task SendHeartbeatAsync(ClientHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        var path = $"{_environmentPath}/instances/{Uri.EscapeDataString(heartbeat.InstanceId)}/heartbeat";
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = JsonContent.Create(new
            {
                revision = heartbeat.Revision,
                configHash = heartbeat.ConfigHash,
                prefix = heartbeat.Prefix,
                application = heartbeat.Application,
                host = heartbeat.Host,
                transport = heartbeat.Transport,
                source = heartbeat.Source,
                startedAt = heartbeat.StartedAt,
            });
            using var response = await _http.PostAsync(path, content, linked.Token);
            await EnsureSuccessAsync(response, "heartbeat", linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            throw new FeedException($"The heartbeat timed out after {_requestTimeout.TotalSeconds:0.#} s.",
                isTransient: true, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw Wrap("heartbeat", exception);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();

        return ValueTask.CompletedTask;
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(
        long afterRevision, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _environmentPath + "/watch");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (afterRevision >= 0)
        {
            request.Headers.Add("Last-Event-ID", afterRevision.ToString(CultureInfo.InvariantCulture));
        }

        // The headers must arrive within the idle timeout too: an api that accepts the connection and
        // never answers is as dead as a silent stream.
        idle.CancelAfter(_idleTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            await EnsureSuccessAsync(response, "change stream", idle.Token);

            return response;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new FeedException($"The change stream did not answer within {_idleTimeout.TotalSeconds:0.#} s.",
                isTransient: true, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            response?.Dispose();
            throw Wrap("change stream request", exception);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private static FeedMessage? ToMessage(SseEvent sseEvent)
    {
        try
        {
            return sseEvent.EventType switch
            {
                "ready" => PlatformJson.ReadReady(sseEvent.Data),
                "change" => PlatformJson.ReadChange(sseEvent.Data),
                "resync" => PlatformJson.ReadResync(sseEvent.Data),
                _ => null,
            };
        }
        catch (JsonException exception)
        {
            throw new FeedException(
                $"The change stream sent an invalid '{sseEvent.EventType}' event: {exception.Message}",
                isTransient: true, exception);
        }
    }

    private static async Task EnsureSuccessAsync(
        HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = PlatformJson.ReadProblemDetail(body);
        var status = (int)response.StatusCode;
        var message = $"The {request} failed with {status} {response.ReasonPhrase}"
            + (detail is null ? "." : $": {detail}");
        var transient = status >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            message += " Check the API key and its grants on this namespace and environment.";
        }

        throw new FeedException(message, transient);
    }

    private static FeedException Wrap(string request, Exception exception) => exception switch
    {
        JsonException =>
            new FeedException($"The {request} returned invalid JSON: {exception.Message}", true, exception),
        _ => new FeedException($"The {request} failed: {exception.Message}", true, exception),
    };

    private static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
