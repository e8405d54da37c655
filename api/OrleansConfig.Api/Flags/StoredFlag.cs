using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// The members of a stored flag document that listing and lifecycle need, read without compiling
/// the targeting rule. A stored document was checked when it was written, so members of the wrong
/// type are read as absent.
/// </summary>
public sealed record StoredFlag(
    bool Enabled,
    string Type,
    int? ExpectedLifetimeDays,
    string Lifecycle,
    string? Owner,
    IReadOnlyList<string> Tags)
{
    /// <summary>Options that read documents as deep as the flag reader accepts.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = FlagdReader.MaxDepth };

    private static readonly JsonWriterOptions s_compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = FlagdReader.MaxDepth,
    };

    /// <summary>The expected lifetime: the flag's own, else its type's, or null for a permanent flag.</summary>
    public TimeSpan? ExpectedLifetime => ExpectedLifetimeDays is int days
        ? TimeSpan.FromDays(days)
        : FlagTypes.DefaultLifetime(Type);

    public static StoredFlag Parse(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        var root = document.RootElement;

        return new StoredFlag(
            Text(root, "state") != "DISABLED",
            Text(root, "type") ?? FlagTypes.Release,
            root.TryGetProperty("expectedLifetimeDays", out var days) && days.TryGetInt32(out var value)
                ? value
                : null,
            Text(root, "lifecycle") ?? FlagLifecycles.Active,
            Text(root, "owner"),
            root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)
                    .ToArray()
                : []);
    }

    /// <summary>
    /// Returns a stored document without its indentation, for responses. Numbers keep their text, and
    /// strings their value.
    /// </summary>
    public static RawJson Compact(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, s_compact))
        {
            document.RootElement.WriteTo(writer);
        }

        return new RawJson(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
