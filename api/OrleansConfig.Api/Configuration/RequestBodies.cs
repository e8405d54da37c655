using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Configuration;

/// <summary>Reads JSON request bodies by hand, keeping a value's exact text.</summary>
public static class RequestBodies
{
    /// <summary>Reads <c>{"value": any, "comment": "…"}</c>; the value is kept as written.</summary>
    public static async Task<(string Value, string? Comment, IResult? Problem)> ReadPutAsync(HttpRequest request)
    {
        var (root, problem) = await ReadObjectAsync(request, """{"value": <any JSON>, "comment": "optional text"}""");
        if (problem is not null)
        {
            return ("", null, problem);
        }

        using var document = root!;
        if (!document.RootElement.TryGetProperty("value", out var value))
        {
            return ("", null, Problems.BadRequest("The body has no 'value' property; send "
                + """{"value": <any JSON>, "comment": "optional text"}."""));
        }

        var (comment, commentProblem) = ReadComment(document.RootElement);

        return (value.GetRawText(), comment, commentProblem);
    }

    /// <summary>Reads <c>{"version": N, "comment": "…"}</c>.</summary>
    public static async Task<(int Version, string? Comment, IResult? Problem)> ReadRollbackAsync(HttpRequest request)
    {
        var (root, problem) = await ReadObjectAsync(request, """{"version": 3}""");
        if (problem is not null)
        {
            return (0, null, problem);
        }

        using var document = root!;
        if (!document.RootElement.TryGetProperty("version", out var element)
            || element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var version) || version < 1)
        {
            return (0, null, Problems.BadRequest("The body needs 'version', a positive integer naming the version "
                + """to roll back to, for example {"version": 3}."""));
        }

        var (comment, commentProblem) = ReadComment(document.RootElement);

        return (version, comment, commentProblem);
    }

    /// <summary>
    /// Reads a UTF-8 JSON object in which no member name repeats within one object and nothing nests
    /// deeper than <paramref name="maxDepth"/>; the problem names the fault and shows <paramref name="example"/>.
    /// </summary>
    internal static async Task<(JsonDocument? Document, IResult? Problem)> ReadObjectAsync(
        HttpRequest request, string example, int maxDepth = JsonInput.DefaultMaxDepth)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (JsonInput.InvalidUtf8Offset(body.Span) is { } invalid)
        {
            return (null, Problems.BadRequest(
                $"The body is not valid UTF-8 text at byte {invalid + 1}; send UTF-8 JSON such as {example}."));
        }

        var (parsed, syntax) = JsonInput.Parse(body, new JsonDocumentOptions
        {
            MaxDepth = maxDepth,
            AllowDuplicateProperties = false,
        });
        if (parsed is not { } document)
        {
            return (null, Problems.BadRequest($"The body {syntax} Send {example}."));
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();

            return (null,
                Problems.BadRequest($"The body is {JsonInput.Describe(kind)}, not an object; send {example}."));
        }

        return (document, null);
    }

    /// <summary>Reads the optional <c>comment</c> member: a string of at most 1024 characters.</summary>
    internal static (string? Comment, IResult? Problem) ReadComment(JsonElement root)
    {
        if (!root.TryGetProperty("comment", out var comment) || comment.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (comment.ValueKind != JsonValueKind.String)
        {
            return (null, Problems.BadRequest("'comment' must be a string."));
        }

        var text = comment.GetString()!;

        return text.Length > 1024
            ? (null, Problems.BadRequest($"'comment' is {text.Length} characters long; the maximum is 1024."))
            : (text, null);
    }
}
