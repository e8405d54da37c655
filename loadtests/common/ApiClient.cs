using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansConfig.LoadTests;

/// <summary>
/// The HTTP calls of the benchmark. Writes and watch streams use separate connection pools, so
/// that the long-lived streams take no connection a write could use.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _requests;
    private readonly HttpClient _streams;

    public ApiClient(Uri api, string key)
    {
        _requests = Create(api, key, TimeSpan.FromSeconds(10));
        _streams = Create(api, key, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Creates the namespace and the environment unless they exist.</summary>
    public async Task CreateEnvironmentAsync(string ns, string env, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Put, $"v1/namespaces/{ns}", cancellationToken);
        await SendAsync(HttpMethod.Put, $"v1/namespaces/{ns}/environments/{env}", cancellationToken);
    }

    /// <summary>Returns the environment's revision from <c>GET …/environments/{env}</c>.</summary>
    public async Task<long> GetRevisionAsync(string ns, string env, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, $"v1/namespaces/{ns}/environments/{env}", cancellationToken);
        using var document = JsonDocument.Parse(body);

        return document.RootElement.GetProperty("revision").GetInt64();
    }

    /// <summary>Reads a key with <c>GET …/configs/{key}</c>; throws unless it returns 200.</summary>
    public Task GetConfigAsync(string ns, string env, string key, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v1/namespaces/{ns}/environments/{env}/configs/{key}", cancellationToken);

    /// <summary>Starts <c>PUT …/configs/{key}</c>; the caller takes the time just before this call.</summary>
    public Task<HttpResponseMessage> PutConfigAsync(string ns, string env, string key, byte[] body,
        CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;

        return _requests.PutAsync($"v1/namespaces/{ns}/environments/{env}/configs/{key}", content, cancellationToken);
    }

    /// <summary>Opens <c>GET …/watch</c> and returns once the response headers arrived.</summary>
    public async Task<HttpResponseMessage> OpenWatchAsync(string ns, string env, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/namespaces/{ns}/environments/{env}/watch");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await _streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"GET {request.RequestUri} returned {(int)response.StatusCode}: {detail}");
        }

        return response;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _streams.Dispose();
    }

    private async Task<string> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _requests.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"{method} {path} returned {(int)response.StatusCode}: {body}");
    }

    private static HttpClient Create(Uri api, string key, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        var client = new HttpClient(handler) { BaseAddress = api, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        return client;
    }
}
