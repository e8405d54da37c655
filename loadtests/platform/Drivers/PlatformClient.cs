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
/// </summary>
public sealed class PlatformClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http;

    public PlatformClient(Uri target, string adminKey, TimeSpan timeout)
    {
        Target = target;
        AdminKey = adminKey;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 4096,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = target, Timeout = timeout };
    }

    public Uri Target { get; }

    public string AdminKey { get; }

    /// <summary>Sends a request and reads the whole response; a failed exchange throws.</summary>
    public async Task<PlatformResponse> SendAsync(HttpMethod method, string path, string key, string? json,
        CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = Build(method, path, key, json is null ? null : Encoding.UTF8.GetBytes(json), headers);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        return new PlatformResponse((int)response.StatusCode, body, response.Headers.ETag?.ToString());
    }

    /// <summary>Sends a request, reads and drops the body, and returns the status and ETag.</summary>
    public async Task<(int Status, string? ETag)> SendForStatusAsync(HttpMethod method, string path, string key,
        byte[]? json, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var request = Build(method, path, key, json, headers);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await body.CopyToAsync(Stream.Null, cancellationToken);
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
