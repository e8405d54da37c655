using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Ofrep;

/// <summary>
/// The OFREP response bodies, written as the OpenFeature Remote Evaluation Protocol and flagd's OFREP
/// service shape them. A resolution with a variant carries <c>value</c> and <c>variant</c>; one that
/// defers to the caller's default (a disabled flag, or no default variant) carries only <c>key</c>,
/// <c>reason</c> and <c>metadata</c>, the protocol's code-default form. Failures carry <c>errorCode</c>
/// and <c>errorDetails</c>, with status 404 for FLAG_NOT_FOUND and 400 for every other code.
/// </summary>
internal static class OfrepResults
{
    /// <summary>The single-flag response: 200, or the failure's status.</summary>
    public static IResult Flag(FlagResolution<JsonElement> result)
    {
        var status = result.ErrorCode switch
        {
            null => StatusCodes.Status200OK,
            FlagErrorCode.FlagNotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };

        return new JsonResult(status, writer => WriteResolution(writer, result));
    }

    /// <summary>A single-flag failure that no evaluation produced, such as an unreadable body.</summary>
    public static IResult FlagFailure(int status, string key, string errorCode, string details) =>
        new JsonResult(status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("errorCode", errorCode);
            writer.WriteString("errorDetails", details);
            writer.WriteEndObject();
        });

    /// <summary>The bulk response: every result of <c>EvaluateAll</c>, successes and failures alike.</summary>
    public static IResult Bulk(IReadOnlyList<FlagResolution<JsonElement>> results) =>
        new JsonResult(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("flags");
            foreach (var result in results)
            {
                WriteResolution(writer, result);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static IResult BulkFailure(int status, string errorCode, string details) =>
        new JsonResult(status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("errorCode", errorCode);
            writer.WriteString("errorDetails", details);
            writer.WriteEndObject();
        });

    private static void WriteResolution(Utf8JsonWriter writer, FlagResolution<JsonElement> result)
    {
        writer.WriteStartObject();
        writer.WriteString("key", result.FlagKey);
        if (result.ErrorCode is { } errorCode)
        {
            writer.WriteString("errorCode", errorCode);
            writer.WriteString("errorDetails", result.ErrorMessage);
        }
        else
        {
            if (result.Variant is { } variant)
            {
                writer.WritePropertyName("value");
                result.Value.WriteTo(writer);
                writer.WriteString("variant", variant);
            }

            writer.WriteString("reason", result.Reason);
        }

        writer.WriteStartObject("metadata");
        foreach (var (name, value) in result.Metadata)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private sealed class JsonResult(int status, Action<Utf8JsonWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter))
            {
                write(writer);
            }

            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }
}
