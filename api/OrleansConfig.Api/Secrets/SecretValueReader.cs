using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// Reads <c>{"value": "…", "comment": "…"}</c> without making a .NET string of the value: the body is read
/// into a pooled buffer, the value is unescaped into a byte array of its own, and the body buffer is
/// zeroed before it returns to the pool. The caller zeroes the value with <see cref="SecretValue.Clear"/>.
/// </summary>
public static class SecretValueReader
{
    public const string Example = """{"value": "s3cr3t", "comment": "optional text"}""";

    /// <summary>The most bytes a body may have beyond its value's limit, for escapes and the comment.</summary>
    private const int BodyOverhead = 16 * 1024;

    public static async Task<(SecretValue? Value, string? Comment, IResult? Problem)> ReadAsync(
        HttpRequest request, int maxValueBytes)
    {
        // An escaped value (\u0041) takes up to six body bytes per value byte.
        var limit = maxValueBytes * 6 + BodyOverhead;
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted))
                > 0)
            {
                length += read;
                if (length > limit)
                {
                    return (null, null, Problems.Create(StatusCodes.Status413PayloadTooLarge,
                        string.Create(CultureInfo.InvariantCulture, $"The body is larger than {limit:N0} bytes; "
                            + $"a secret value has at most {maxValueBytes:N0} bytes.")));
                }

                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }
            }

            return Parse(buffer.AsSpan(0, length), maxValueBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(buffer);

        return larger;
    }

    private static (SecretValue? Value, string? Comment, IResult? Problem) Parse(ReadOnlySpan<byte> body, int max)
    {
        byte[]? value = null;
        (SecretValue? Value, string? Comment, IResult? Problem) result = default;
        try
        {
            result = ParseObject(body, ref value);
            if (result.Problem is null)
            {
                result = Check(value, result.Comment, max);
            }

            return result;
        }
        finally
        {
            if (result.Value is null && value is not null)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }
    }

    private static (SecretValue?, string?, IResult?) ParseObject(ReadOnlySpan<byte> body, ref byte[]? value)
    {
        string? comment = null;
        var hasComment = false;
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (OrleansConfig.Flags.JsonInput.InvalidUtf8Offset(body) is { } invalid)
        {
            return Fail($"The body is not valid UTF-8 at byte {invalid + 1}; send UTF-8 JSON such as {Example}.");
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail($"The body is not a JSON object; send {Example}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Fail($"'value' must be a JSON string, not {Describe(reader.TokenType)}; "
                            + $"send {Example}.");
                    }

                    if (value is not null)
                    {
                        return Fail($"The body has a duplicate 'value' member; send one, as in {Example}.");
                    }

                    value = CopyValue(ref reader);
                }
                else if (reader.ValueTextEquals("comment"u8))
                {
                    if (hasComment)
                    {
                        return Fail($"The body has a duplicate 'comment' member; send one, as in {Example}.");
                    }

                    hasComment = true;
                    reader.Read();
                    comment = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => reader.GetString(),
                        _ => throw new FormatException("'comment' must be a string."),
                    };
                }
                else
                {
                    return Fail($"The body has the property '{reader.GetString()}'; a secret body has only 'value' and "
                        + $"'comment', for example {Example}.");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Fail($"The body is not one JSON object; send {Example}.");
            }
        }
        catch (JsonException exception)
        {
            // The parser's message may quote the body, so only the position is given.
            return Fail($"The body is not valid JSON at line {exception.LineNumber + 1}, byte "
                + $"{exception.BytePositionInLine + 1}; send {Example}.");
        }
        catch (FormatException exception)
        {
            return Fail(exception.Message);
        }
        catch (InvalidOperationException)
        {
            // A string with an unpaired surrogate escape cannot be decoded. Its text stays out of the message.
            return Fail("The body has a string with an unpaired UTF-16 surrogate escape (such as \\ud800 alone); "
                + "write characters beyond U+FFFF as a surrogate pair or as UTF-8.");
        }

        return (null, comment, null);
    }

    private static (SecretValue?, string?, IResult?) Check(byte[]? value, string? comment, int max)
    {
        if (value is null)
        {
            return Fail($"The body has no 'value' property; send {Example}.");
        }

        if (comment?.Length > 1024)
        {
            return Fail($"'comment' is {comment.Length} characters long; the maximum is 1024.");
        }

        if (value.Length == 0)
        {
            return Fail("'value' is empty; a secret has at least one character.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(value))
        {
            return Fail("'value' is not valid UTF-8 once unescaped; send text, or base64 for binary data.");
        }

        return value.Length > max
            ? (null, null, Problems.Create(StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture,
                    $"The value is {value.Length:N0} bytes of UTF-8; the maximum is {max:N0}.")))
            : (new SecretValue(value), comment, null);
    }

    /// <summary>Unescapes the current string token into a new array sized to it.</summary>
    private static byte[] CopyValue(ref Utf8JsonReader reader)
    {
        var escaped = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        var scratch = GC.AllocateArray<byte>(escaped, pinned: true);
        try
        {
            var written = reader.CopyString(scratch);

            return scratch.AsSpan(0, written).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static (SecretValue?, string?, IResult?) Fail(string detail) => (null, null, Problems.BadRequest(detail));
}
