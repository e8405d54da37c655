using System.Text.Json;

namespace OrleansConfig.Api.Formats;

/// <summary>A stored value parsed for export: its JSON kind and a string's decoded text.</summary>
internal readonly record struct StoredValue(JsonValueKind Kind, string? Text)
{
    /// <summary>Parses the value of <paramref name="entry"/>, which must be JSON.</summary>
    public static StoredValue Parse(ConfigEntry entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.Value);
            var root = document.RootElement;
            var text = root.ValueKind == JsonValueKind.String ? root.GetString() : null;

            return new StoredValue(root.ValueKind, text);
        }
        catch (JsonException)
        {
            throw new ConfigFileException(
                $"The value of key '{entry.Key}' is not valid JSON text.");
        }
        catch (InvalidOperationException)
        {
            // GetString rejects a string whose \u escapes leave a surrogate unpaired.
            throw new ConfigFileException(
                $"The value of key '{entry.Key}' is a JSON string with an unpaired surrogate "
                + "escape, which only a JSON export can hold.");
        }
    }
}
