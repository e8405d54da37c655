using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets.Vault;

/// <summary>
/// Wraps data keys with a HashiCorp Vault Transit key over HTTP: <c>POST /v1/{mount}/encrypt/{key}</c>
/// with a base64 <c>plaintext</c>, and <c>POST /v1/{mount}/decrypt/{key}</c> with the
/// <c>vault:vN:…</c> ciphertext. The key version N is stored in the envelope, and envelopes
/// wrapped before a Transit key rotation still unwrap while Vault keeps that version.
/// </summary>
/// <remarks>
/// Tested against an in-process server on 127.0.0.1 that imitates the Transit request and
/// response shapes, not against a Vault server.
/// </remarks>
public sealed class VaultTransitKeyProvider : IKeyEncryptionKeyProvider
{
    private const string CiphertextPrefix = "vault:v";
    private const int MaxErrorLength = 300;

    private readonly HttpClient _httpClient;
    private readonly VaultTransitOptions _options;
    private readonly Uri _encryptUri;
    private readonly Uri _decryptUri;

    /// <summary>Creates the provider. It uses <paramref name="httpClient"/> as given and does not dispose it.</summary>
    /// <exception cref="ArgumentException">The address, token or key name is missing.</exception>
    public VaultTransitKeyProvider(HttpClient httpClient, VaultTransitOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Address is null)
        {
            throw new ArgumentException("Vault address is missing: set VaultTransitOptions.Address.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException(
                "Vault token is missing: set VaultTransitOptions.Token to a token allowed to " +
                $"update {options.MountPath}/encrypt and {options.MountPath}/decrypt.",
                nameof(options));
        }

        if (string.IsNullOrEmpty(options.KeyName))
        {
            throw new ArgumentException("Vault Transit key name is missing: set VaultTransitOptions.KeyName.",
                nameof(options));
        }

        _httpClient = httpClient;
        _options = options;
        var keyPath = $"v1/{options.MountPath.Trim('/')}/{{0}}/{Uri.EscapeDataString(options.KeyName)}";
        _encryptUri = new Uri(options.Address, string.Format(CultureInfo.InvariantCulture, keyPath, "encrypt"));
        _decryptUri = new Uri(options.Address, string.Format(CultureInfo.InvariantCulture, keyPath, "decrypt"));
    }

    /// <inheritdoc />
    public string ActiveKeyId => _options.KeyName!;

    /// <inheritdoc />
    public async Task<WrappedDataKey> WrapAsync(
        ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var response = await PostAsync(_encryptUri, "plaintext", dataKey, context, cancellationToken);
        var ciphertext = ReadDataString(response, "ciphertext", "encrypt");
        var version = ParseKeyVersion(ciphertext);

        return new WrappedDataKey(Encoding.ASCII.GetBytes(ciphertext), ActiveKeyId, version);
    }

    /// <inheritdoc />
    public async Task<byte[]> UnwrapAsync(
        ReadOnlyMemory<byte> wrappedDataKey,
        string keyId,
        ReadOnlyMemory<byte> context,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(keyId, ActiveKeyId, StringComparison.Ordinal))
        {
            throw new KeyEncryptionKeyUnavailableException(
                keyId,
                $"Key-encryption key '{keyId}' is not the Vault Transit key of this provider " +
                $"('{ActiveKeyId}'); configure a provider for '{keyId}' to decrypt envelopes that name it.");
        }

        ParseKeyVersion(Encoding.ASCII.GetString(wrappedDataKey.Span));
        var response = await PostAsync(_decryptUri, "ciphertext", wrappedDataKey, context, cancellationToken);
        try
        {
            return Convert.FromBase64String(ReadDataString(response, "plaintext", "decrypt"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(response);
        }
    }

    // NOTE: the data key passes through base64 strings in the JSON request and response.
    // .NET cannot zero strings, so those copies stay in managed memory until collected.
    private async Task<byte[]> PostAsync(
        Uri uri,
        string field,
        ReadOnlyMemory<byte> value,
        ReadOnlyMemory<byte> context,
        CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            if (field == "plaintext")
            {
                writer.WriteBase64String(field, value.Span);
            }
            else
            {
                writer.WriteString(field, Encoding.ASCII.GetString(value.Span));
            }

            if (_options.SendContext)
            {
                writer.WriteBase64String("context", context.Span);
            }

            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Add("X-Vault-Token", _options.Token);
        request.Content = new ReadOnlyMemoryContent(body.WrittenMemory);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        try
        {
            using var response = await _httpClient.SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(uri, response.StatusCode, content);
            }

            return content;
        }
        catch (HttpRequestException exception)
        {
            throw new KeyEncryptionKeyProviderException(
                ActiveKeyId, $"Vault at {_options.Address} is unreachable: {exception.Message}", exception);
        }
        finally
        {
            body.Clear();
        }
    }

    private KeyEncryptionKeyProviderException Failure(Uri uri, HttpStatusCode status, byte[] content)
    {
        var errors = ReadErrors(content);
        var hint = status switch
        {
            HttpStatusCode.Forbidden => " Check that the token is valid and its policy allows this path.",
            HttpStatusCode.BadRequest => " The request or the wrapped data key was rejected.",
            _ => "",
        };

        return new KeyEncryptionKeyProviderException(
            ActiveKeyId,
            $"Vault Transit request {uri.AbsolutePath} failed with HTTP {(int)status}: {errors}.{hint}",
            rejected: status == HttpStatusCode.BadRequest && uri == _decryptUri);
    }

    private static string ReadErrors(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var joined = string.Join("; ", errors.EnumerateArray().Select(error => error.ToString()));

                return joined.Length <= MaxErrorLength ? joined : joined[..MaxErrorLength] + "…";
            }
        }
        catch (JsonException)
        {
            // A proxy in front of Vault may respond with HTML, so the status code is reported alone.
        }

        return "no error details";
    }

    private string ReadDataString(byte[] content, string property, string operation)
    {
        using var response = ParseResponse(content, operation);
        if (response.RootElement.ValueKind == JsonValueKind.Object
            && response.RootElement.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(property, out var value)
            && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        throw new KeyEncryptionKeyProviderException(
            ActiveKeyId, $"Vault Transit {operation} response has no data.{property}.");
    }

    private JsonDocument ParseResponse(byte[] content, string operation)
    {
        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException exception)
        {
            throw new KeyEncryptionKeyProviderException(
                ActiveKeyId, $"Vault Transit {operation} response is not JSON.", exception);
        }
    }

    private int ParseKeyVersion(string ciphertext)
    {
        var end = ciphertext.IndexOf(':', CiphertextPrefix.Length);
        if (!ciphertext.StartsWith(CiphertextPrefix, StringComparison.Ordinal)
            || end < 0
            || !int.TryParse(ciphertext.AsSpan(CiphertextPrefix.Length, end - CiphertextPrefix.Length),
                NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new KeyEncryptionKeyProviderException(
                ActiveKeyId, "Wrapped data key is not a Vault Transit ciphertext of the form vault:vN:….",
                rejected: true);
        }

        return version;
    }
}
