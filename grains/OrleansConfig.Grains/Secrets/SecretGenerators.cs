using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansConfig.Secrets.Envelope;

namespace OrleansConfig.Secrets;

/// <summary>
/// Makes the new value of a rotation: a random password, random bytes as base64, or the value a webhook
/// returns. Values are built in pinned buffers that the returned <see cref="SecretPlaintext"/> owns.
/// </summary>
public sealed class SecretGenerators(HttpClient webhookClient, IOptions<SecretOptions> options)
{
    private const string Lowercase = "abcdefghijklmnopqrstuvwxyz";
    private const string Uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    /// <summary>Generates a value for <paramref name="next"/>, the version the rotation is about to write.</summary>
    /// <exception cref="SecretGeneratorException">The generator failed; the message contains no value.</exception>
    public async Task<SecretPlaintext> GenerateAsync(
        SecretGenerator generator, SecretCoordinates next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);

        return generator.Kind switch
        {
            SecretGeneratorKind.Password => Password(generator),
            SecretGeneratorKind.Bytes => Bytes(generator.Length),
            SecretGeneratorKind.Webhook => await WebhookAsync(generator.WebhookUrl!, next, cancellationToken),
            _ => throw new SecretGeneratorException($"The generator kind {generator.Kind} is unknown."),
        };
    }

    /// <summary>
    /// Draws each character uniformly from the chosen classes, and draws again until every class occurs,
    /// so every password with at least one character of each class is equally likely.
    /// </summary>
    private static SecretPlaintext Password(SecretGenerator generator)
    {
        var classes = new List<string>();
        AddIf(classes, generator.Lowercase, Lowercase);
        AddIf(classes, generator.Uppercase, Uppercase);
        AddIf(classes, generator.Digits, Digits);
        AddIf(classes, generator.Symbols, SecretRotationRules.Symbols);
        var alphabet = string.Concat(classes);

        var buffer = GC.AllocateArray<byte>(generator.Length, pinned: true);
        try
        {
            do
            {
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = (byte)alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
                }
            }
            while (!classes.TrueForAll(set => buffer.AsSpan().IndexOfAny(Encoding.ASCII.GetBytes(set)) >= 0));

            return SecretPlaintext.Copy(buffer);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static SecretPlaintext Bytes(int count)
    {
        var random = GC.AllocateArray<byte>(count, pinned: true);
        var text = GC.AllocateArray<byte>(Base64Length(count), pinned: true);
        try
        {
            RandomNumberGenerator.Fill(random);
            System.Buffers.Text.Base64.EncodeToUtf8(random, text, out _, out var written);

            return SecretPlaintext.Copy(text.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(random);
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>
    /// Posts <c>{"namespace", "environment", "name", "version"}</c> and reads <c>{"value": "…"}</c> from a
    /// 2xx response. The response body is zeroed after reading; nothing of it appears in errors.
    /// </summary>
    private async Task<SecretPlaintext> WebhookAsync(string url, SecretCoordinates next, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["namespace"] = next.Namespace,
            ["environment"] = next.Environment,
            ["name"] = next.Name,
            ["version"] = next.Version,
        });
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        byte[] content;
        try
        {
            using var response = await webhookClient.SendAsync(request, timeout.Token);
            content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                CryptographicOperations.ZeroMemory(content);
                throw new SecretGeneratorException(
                    $"The webhook {Describe(url)} responded with HTTP {(int)response.StatusCode}.");
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            var seconds = options.Value.WebhookTimeout.TotalSeconds;
            throw new SecretGeneratorException($"The webhook {Describe(url)} did not respond within {seconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            throw new SecretGeneratorException($"The webhook {Describe(url)} is unreachable: {exception.Message}");
        }

        try
        {
            return ReadValue(content, url);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private SecretPlaintext ReadValue(byte[] content, string url)
    {
        try
        {
            var reader = new Utf8JsonReader(content);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed(url);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isValue = reader.ValueTextEquals("value"u8);
                reader.Read();
                if (isValue && reader.TokenType == JsonTokenType.String)
                {
                    return CopyString(ref reader, url);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The parser's message may quote the body, so it stays out of the error.
        }

        throw Malformed(url);
    }

    private SecretPlaintext CopyString(ref Utf8JsonReader reader, string url)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        var buffer = GC.AllocateArray<byte>((int)length, pinned: true);
        try
        {
            var written = reader.CopyString(buffer);
            if (written == 0 || written > options.Value.MaxValueBytes)
            {
                throw new SecretGeneratorException($"The webhook {Describe(url)} returned a value of {written} bytes; "
                    + $"a value has 1 to {options.Value.MaxValueBytes} bytes.");
            }

            return SecretPlaintext.Copy(buffer.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static SecretGeneratorException Malformed(string url) => new(
        $"The webhook {Describe(url)} did not return a JSON object with a string property \"value\".");

    /// <summary>Names a webhook in errors by its scheme, host, port and path, without its query.</summary>
    private static string Describe(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Path)
        : "(invalid URL)";

    private static void AddIf(List<string> classes, bool enabled, string set)
    {
        if (enabled)
        {
            classes.Add(set);
        }
    }

    private static int Base64Length(int count) => (count + 2) / 3 * 4;
}

/// <summary>A rotation's generator failed. The message names the cause, never a value.</summary>
public sealed class SecretGeneratorException(string message) : Exception(message);
