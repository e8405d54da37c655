using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansConfig.LoadTests;

/// <summary>
/// The values the writer stores: <c>{"seq":N}</c>, where N numbers the writes of a case from 0. Every
/// value differs from the key's previous one, so every write is a change with its own revision.
/// </summary>
public static class BenchValue
{
    /// <summary>Returns the body of <c>PUT …/configs/{key}</c> for write <paramref name="sequence"/>.</summary>
    public static byte[] PutBody(int sequence) =>
        Encoding.UTF8.GetBytes("{\"value\":{\"seq\":" + sequence.ToString(CultureInfo.InvariantCulture) + "}}");

    /// <summary>Reads N from a stored value; returns -1 for a value the writer did not produce.</summary>
    public static int ReadSequence(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("seq", out var seq)
        && seq.TryGetInt32(out var sequence)
            ? sequence
            : -1;

    /// <summary>Reads N from a stored value's JSON text; returns -1 for other values.</summary>
    public static int ReadSequence(string? json)
    {
        if (json is null)
        {
            return -1;
        }

        using var document = JsonDocument.Parse(json);

        return ReadSequence(document.RootElement);
    }
}
