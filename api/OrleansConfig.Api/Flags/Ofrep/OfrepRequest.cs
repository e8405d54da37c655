using System.Buffers;
using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Ofrep;

/// <summary>
/// An OFREP evaluation request, <c>{"context": {...}}</c>, read from the body. An empty body, a body
/// without <c>context</c> and a null <c>context</c> all mean an empty context, as flagd reads them.
/// </summary>
internal sealed class OfrepRequest : IDisposable
{
    /// <summary>The largest body read; evaluation contexts are a few hundred bytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private const string Example = """{"context": {"targetingKey": "user-1", "plan": "pro"}}""";

    private static readonly JsonDocumentOptions s_options = new() { AllowDuplicateProperties = false };

    private readonly JsonDocument? _document;

    private OfrepRequest(JsonDocument? document, EvaluationContext context, byte[] body)
    {
        _document = document;
        Context = context;
        Body = body;
    }

    public EvaluationContext Context { get; }

    /// <summary>The body as sent, which the bulk ETag covers.</summary>
    public byte[] Body { get; }

    /// <summary>
    /// Reads the body. Returns the request, or null and a message naming the problem: a body that is
    /// too large, not JSON, not an object, or whose <c>context</c> is not an object. A context whose
    /// <c>targetingKey</c> is not a string is returned: evaluation reports it as INVALID_CONTEXT.
    /// </summary>
    public static async Task<(OfrepRequest? Request, string? Problem)> ReadAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (body is null)
        {
            return (null, $"The request body is larger than {MaxBodyBytes / 1024} KiB; send only the evaluation "
                + "context, as " + Example + ".");
        }

        if (body.Length == 0)
        {
            return (new OfrepRequest(null, EvaluationContext.Empty, body), null);
        }

        var (parsed, syntax) = JsonInput.Parse(body, s_options);
        if (parsed is not { } document)
        {
            return (null, $"The request body {syntax} Send {Example}.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            var problem = $"The request body is a JSON {KindOf(root)}; send an object, as {Example}.";
            document.Dispose();

            return (null, problem);
        }

        if (!root.TryGetProperty("context", out var context) || context.ValueKind == JsonValueKind.Null)
        {
            return (new OfrepRequest(document, EvaluationContext.Empty, body), null);
        }

        string? invalid = null;
        EvaluationContext? evaluationContext = null;
        if (context.ValueKind != JsonValueKind.Object)
        {
            invalid = $"The member 'context' is a JSON {KindOf(context)}; it must be an object, as in {Example}.";
        }
        else
        {
            try
            {
                evaluationContext = EvaluationContext.FromJson(context);
            }
            catch (InvalidOperationException exception)
            {
                // System.Text.Json refuses to read a string with an unpaired surrogate escape such as "\ud800".
                invalid = $"The evaluation context holds a string that is not valid UTF-16 ({exception.Message}).";
            }
        }

        if (evaluationContext is null)
        {
            document.Dispose();

            return (null, invalid);
        }

        return (new OfrepRequest(document, evaluationContext, body), null);
    }

    public void Dispose() => _document?.Dispose();

    private static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };

    /// <summary>Reads the whole body, or returns null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxBodyBytes + 1)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    return length > MaxBodyBytes ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
