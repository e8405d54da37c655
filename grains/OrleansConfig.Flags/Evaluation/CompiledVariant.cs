using System.Globalization;
using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>A variant's value in every form a typed resolution returns, converted once.</summary>
internal sealed class CompiledVariant
{
    public CompiledVariant(string name, JsonElement value)
    {
        Name = name;
        Value = value;
        Type = FlagDefinitionValidator.TypeName(value);
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            Boolean = value.GetBoolean();
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            String = value.GetString();
        }
        else if (value.ValueKind == JsonValueKind.Number)
        {
            Double = double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            Integer = value.TryGetInt64(out var integer) ? integer : null;
        }
    }

    public string Name { get; }

    public JsonElement Value { get; }

    /// <summary>"boolean", "string", "number" or "object" (arrays included), as flagd types results.</summary>
    public string Type { get; }

    public bool Boolean { get; }

    public string? String { get; }

    public double Double { get; }

    /// <summary>The number as a long when it is an integer in range (1.0 and 1e2 included), else null.</summary>
    public long? Integer { get; }
}
