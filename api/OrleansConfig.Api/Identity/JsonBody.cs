using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Identity;

/// <summary>Reads a JSON request body into a record, turning malformed JSON into a 400 that shows an example.</summary>
public static class JsonBody
{
    /// <summary>The largest body read; the records read here are a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge,
                $"The body is {buffer.Length:N0} bytes; the limit is {MaxBodyBytes:N0}. Send {example}."));
        }

        // The same rules as every other JSON body: byte-order mark, duplicates, depth, UTF-8, surrogates.
        var (parsed, syntax) = JsonInput.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
        if (parsed is not { } document)
        {
            return (null, Problems.BadRequest($"The body {syntax} Send {example}."));
        }

        T? body;
        using (document)
        {
            try
            {
                body = document.Deserialize<T>(Options);
            }
            catch (JsonException exception)
            {
                var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";

                return (null,
                    Problems.BadRequest($"The body does not have the expected shape{where}; send {example}."));
            }
        }

        return body is null
            ? (null, Problems.BadRequest($"The body is null; send {example}."))
            : (body, null);
    }
}
