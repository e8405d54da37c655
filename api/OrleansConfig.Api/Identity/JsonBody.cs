using System.Text.Json;
using OrleansConfig.Api.Http;

namespace OrleansConfig.Api.Identity;

/// <summary>Reads a JSON request body into a record, turning malformed JSON into a 400 that shows an example.</summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
    };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";

            var detail = $"The body is not valid JSON of the expected shape{where}; send {example}.";

            return (null, Problems.BadRequest(detail));
        }

        return body is null
            ? (null, Problems.BadRequest($"The body is empty or null; send {example}."))
            : (body, null);
    }
}
