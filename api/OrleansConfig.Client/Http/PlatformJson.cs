using System.Text.Json;
using OrleansConfig.Client.Feed;

namespace OrleansConfig.Client.Http;

/// <summary>
/// Reads the api's JSON documents: the environment snapshot and the data of the change stream's
/// events. Values are kept as their JSON text, exactly as the api sent them.
/// </summary>
internal static class PlatformJson
{
    /// <exception cref="JsonException">The document does not have the snapshot's shape.</exception>
    public static ConfigSnapshot ReadSnapshot(JsonElement root)
    {
        var entries = new List<ConfigSnapshotEntry>();
        foreach (var config in Required(root, "configs", JsonValueKind.Array).EnumerateArray())
        {
            var key = Required(config, "key", JsonValueKind.String).GetString()!;
            var value = config.TryGetProperty("value", out var element)
                ? element.GetRawText()
                : throw new JsonException($"The snapshot entry of {key} has no value.");
            var version = Required(config, "version", JsonValueKind.Number).GetInt32();
            entries.Add(new ConfigSnapshotEntry(key, value, version));
        }

        return new ConfigSnapshot(Required(root, "revision", JsonValueKind.Number).GetInt64(), entries);
    }

    /// <summary>Reads the revision of a <c>ready</c> event.</summary>
    public static FeedReady ReadReady(string data)
    {
        using var document = JsonDocument.Parse(data);

        return new FeedReady(Required(document.RootElement, "revision", JsonValueKind.Number).GetInt64());
    }

    public static FeedResync ReadResync(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var firstRetained = root.TryGetProperty("firstRetained", out var first)
            && first.ValueKind == JsonValueKind.Number
            ? first.GetInt64()
            : -1;

        return new FeedResync(Required(root, "revision", JsonValueKind.Number).GetInt64(), firstRetained);
    }

    public static FeedChange ReadChange(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        var deleted = root.TryGetProperty("deleted", out var flag) && flag.ValueKind == JsonValueKind.True;
        string? value = null;
        if (root.TryGetProperty("value", out var element) && element.ValueKind != JsonValueKind.Null)
        {
            value = element.GetRawText();
        }

        return new FeedChange(
            Required(root, "revision", JsonValueKind.Number).GetInt64(),
            Required(root, "kind", JsonValueKind.String).GetString()!,
            Required(root, "key", JsonValueKind.String).GetString()!,
            Required(root, "version", JsonValueKind.Number).GetInt32(),
            deleted ? null : value ?? "null",
            deleted);
    }

    /// <summary>Returns the <c>detail</c> of a problem details document, or null when there is none.</summary>
    public static string? ReadProblemDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);

            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.String
                    ? detail.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind == kind)
        {
            return value;
        }

        throw new JsonException($"The property '{name}' is missing or is not of kind {kind}.");
    }
}
