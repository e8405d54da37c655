using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansConfig.Api.Http;

/// <summary>
/// JSON text written into a response as it is, so a stored value reaches the client byte for byte
/// (large integers, <c>1e400</c> and escapes are never re-encoded).
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Text);

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);

        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: true);
}
