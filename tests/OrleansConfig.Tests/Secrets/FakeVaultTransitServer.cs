using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansConfig.Tests.Secrets;

/// <summary>
/// An in-process stand-in for the Vault Transit engine on 127.0.0.1 and a port the OS assigns,
/// because no Vault server runs in the test environment. It follows the Transit request and
/// response shapes: encrypt and decrypt at /v1/transit/{operation}/{key} with an X-Vault-Token
/// header, ciphertexts "vault:vN:base64", rotation at /v1/transit/keys/{key}/rotate, and errors
/// as {"errors": [...]} with 403 for a bad token and 400 for bad input. It uses AES-256-GCM with
/// the context as associated data, which is not how Vault derives keys from a context.
/// </summary>
internal sealed class FakeVaultTransitServer : IAsyncDisposable
{
    public const string Token = "test-token-3c1e";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<byte[]>> _keys = new();

    private FakeVaultTransitServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>When set, every request gets HTTP 500 with a Vault-shaped error body.</summary>
    public bool FailWithServerError { get; set; }

    public static async Task<FakeVaultTransitServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeVaultTransitServer(builder.Build());
        server.MapRoutes();

        await server._app.StartAsync();
        server.Address = new Uri(server._app.Urls.Single());

        return server;
    }

    public void CreateKey(string name) => _keys[name] = [RandomNumberGenerator.GetBytes(32)];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void MapRoutes()
    {
        _app.MapPost("/v1/transit/encrypt/{name}", (string name, HttpRequest request) =>
            Handle(request, name, body => Encrypt(name, body)));
        _app.MapPost("/v1/transit/decrypt/{name}", (string name, HttpRequest request) =>
            Handle(request, name, body => Decrypt(name, body)));
        _app.MapPost("/v1/transit/keys/{name}/rotate", (string name, HttpRequest request) =>
            Handle(request, name, _ => Rotate(name)));
    }

    private async Task<IResult> Handle(HttpRequest request, string name, Func<JsonObject, IResult> operation)
    {
        if (FailWithServerError)
        {
            return Errors(500, "internal error");
        }

        if (request.Headers["X-Vault-Token"] != Token)
        {
            return Errors(403, "permission denied");
        }

        if (!_keys.ContainsKey(name))
        {
            return Errors(400, "encryption key not found");
        }

        // Rotation requests carry no body.
        var body = request.ContentLength > 0 ? await JsonNode.ParseAsync(request.Body) as JsonObject ?? [] : [];

        return operation(body);
    }

    private IResult Encrypt(string name, JsonObject body)
    {
        if (body["plaintext"]?.GetValue<string>() is not { } plaintext)
        {
            return Errors(400, "missing plaintext to encrypt");
        }

        var versions = _keys[name];
        var nonce = RandomNumberGenerator.GetBytes(12);
        var input = Convert.FromBase64String(plaintext);
        var output = new byte[input.Length + 16];
        using (var aes = new AesGcm(versions[^1], 16))
        {
            aes.Encrypt(nonce, input, output.AsSpan(0, input.Length), output.AsSpan(input.Length), Context(body));
        }

        var ciphertext = $"vault:v{versions.Count}:{Convert.ToBase64String([.. nonce, .. output])}";

        return Data(new JsonObject { ["ciphertext"] = ciphertext, ["key_version"] = versions.Count });
    }

    private IResult Decrypt(string name, JsonObject body)
    {
        var parts = (body["ciphertext"]?.GetValue<string>() ?? "").Split(':');
        if (parts.Length != 3 || parts[0] != "vault" || !int.TryParse(parts[1].TrimStart('v'), out var version))
        {
            return Errors(400, "invalid ciphertext: no prefix");
        }

        var versions = _keys[name];
        if (version < 1 || version > versions.Count)
        {
            return Errors(400, "invalid key version");
        }

        var sealedKey = Convert.FromBase64String(parts[2]);
        var plaintext = new byte[sealedKey.Length - 28];
        try
        {
            using var aes = new AesGcm(versions[version - 1], 16);
            aes.Decrypt(sealedKey.AsSpan(0, 12), sealedKey.AsSpan(12, plaintext.Length),
                sealedKey.AsSpan(^16), plaintext, Context(body));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Errors(400, "cipher: message authentication failed");
        }

        return Data(new JsonObject { ["plaintext"] = Convert.ToBase64String(plaintext) });
    }

    private IResult Rotate(string name)
    {
        _keys[name].Add(RandomNumberGenerator.GetBytes(32));

        return Results.NoContent();
    }

    private static byte[] Context(JsonObject body) =>
        body["context"]?.GetValue<string>() is { } context ? Convert.FromBase64String(context) : [];

    private static IResult Data(JsonObject data) =>
        Results.Json(new JsonObject { ["request_id"] = Guid.NewGuid().ToString(), ["data"] = data });

    private static IResult Errors(int status, string error) =>
        Results.Json(new JsonObject { ["errors"] = new JsonArray(error) }, statusCode: status);
}
