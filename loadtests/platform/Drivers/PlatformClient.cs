using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>A response read whole: status, body and ETag.</summary>
public sealed record PlatformResponse(int Status, string Body, string? ETag)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// The HTTP connection pool of a run. Each request names its bearer key, so that one pool serves the admin
/// key and the service tokens alike; a slow request takes a connection of its own rather than queueing.
/// A request times out after the client's timeout unless it names a longer one, as a long poll does.
/// </summary>
public sealed class PlatformClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public PlatformClient(Uri target, string adminKey, TimeSpan timeout)
    {
        Target = target;
        AdminKey = adminKey;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 4096,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = target, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Target { get; }

    public string AdminKey { get; }

    /// <summary>Sends a request and reads the whole response; a failed exchange throws.</summary>
    public async Task<PlatformResponse> SendAsync(HttpMethod method, string path, string key, string? json,
        CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = Build(method, path, key, json is null ? null : Encoding.UTF8.GetBytes(json), headers);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var response = await _http.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        return new PlatformResponse((int)response.StatusCode, body, response.Headers.ETag?.ToString());
    }

    /// <summary>Sends a request, reads and drops the body, and returns the status and ETag.</summary>
    public Task<(int Status, string? ETag)> SendForStatusAsync(HttpMethod method, string path, string key,
        byte[]? json, CancellationToken cancellationToken, params (string Name, string Value)[] headers) =>
        SendForStatusAsync(method, path, key, json, TimeSpan.Zero, cancellationToken, headers);

    /// <summary>
    /// Sends a request that may take <paramref name="extraTime"/> longer than the client's timeout, reads and
    /// drops the body, and returns the status and ETag.
    /// </summary>
    public async Task<(int Status, string? ETag)> SendForStatusAsync(HttpMethod method, string path, string key,
        byte[]? json, TimeSpan extraTime, CancellationToken cancellationToken,
        params (string Name, string Value)[] headers)
    {
        using var request = Build(method, path, key, json, headers);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout + extraTime);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
        {
            await body.CopyToAsync(Stream.Null, timeout.Token);
        }

        return ((int)response.StatusCode, response.Headers.ETag?.ToString());
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Build(HttpMethod method, string path, string key, byte[]? json,
        (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = JsonType;
        }

        return request;
    }
}
