using System.Text.Json;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// A JSON value during JsonLogic evaluation: null, boolean, number, string, array or object.
/// Arrays and objects are shared and never mutated after construction. Strict equality
/// compares them by reference, as JavaScript does.
/// </summary>
/// <remarks>
/// A number holds its binary64 value and, when it was written as JSON text that the double
/// does not represent exactly, that text, so that comparisons between written numbers are
/// exact (see <see cref="ExactNumber"/>).
/// </remarks>
internal readonly struct LogicValue
{
    public static readonly LogicValue Null = default;
    public static readonly LogicValue True = new(LogicKind.Boolean, 1, null);
    public static readonly LogicValue False = new(LogicKind.Boolean, 0, null);
    public static readonly LogicValue EmptyString = new(LogicKind.String, 0, string.Empty);
    public static readonly LogicValue EmptyArray = new(LogicKind.Array, 0, System.Array.Empty<LogicValue>());

    private readonly object? _reference;
    private readonly double _number;

    private LogicValue(LogicKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    public LogicKind Kind { get; }

    public bool IsNull => Kind == LogicKind.Null;

    public bool IsString => Kind == LogicKind.String;

    public bool IsNumber => Kind == LogicKind.Number;

    /// <summary>The boolean; false for every other kind.</summary>
    public bool Boolean => Kind == LogicKind.Boolean && _number != 0;

    /// <summary>The binary64 value of a number or boolean.</summary>
    public double Number => _number;

    /// <summary>The JSON text of a number that its double does not represent exactly, or null.</summary>
    public string? NumberText => Kind == LogicKind.Number ? (string?)_reference : null;

    public string String => (string)_reference!;

    public LogicValue[] Array => (LogicValue[])_reference!;

    public IReadOnlyDictionary<string, LogicValue> Object => Members;

    /// <summary>The object's members as the concrete dictionary, for lookups without interface dispatch.</summary>
    public Dictionary<string, LogicValue> Members => (Dictionary<string, LogicValue>)_reference!;

    /// <summary>The array or object instance, used for JavaScript's reference equality.</summary>
    public object? Reference => _reference;

    public static LogicValue FromBoolean(bool value) => value ? True : False;

    public static LogicValue FromNumber(double value) => new(LogicKind.Number, value, null);

    /// <summary>Creates a number from JSON text, keeping the text when the double loses precision.</summary>
    public static LogicValue FromNumberText(string text, double value) =>
        new(LogicKind.Number, value, ExactNumber.IsExactDouble(text, value) ? null : text);

    public static LogicValue FromString(string value) =>
        value.Length == 0 ? EmptyString : new(LogicKind.String, 0, value);

    public static LogicValue FromArray(LogicValue[] items) =>
        items.Length == 0 ? new(LogicKind.Array, 0, System.Array.Empty<LogicValue>()) : new(LogicKind.Array, 0, items);

    public static LogicValue FromObject(Dictionary<string, LogicValue> properties) =>
        new(LogicKind.Object, 0, properties);

    /// <summary>Converts parsed JSON, keeping the text of numbers that a double would round.</summary>
    public static LogicValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Number:
                return FromNumberText(element.GetRawText(), element.GetDouble());
            case JsonValueKind.String:
                return FromString(element.GetString()!);
            case JsonValueKind.Array:
                var items = new LogicValue[element.GetArrayLength()];
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[index++] = FromJson(item);
                }

                return FromArray(items);
            case JsonValueKind.Object:
                var properties = new Dictionary<string, LogicValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    // JSON.parse keeps the last of repeated names, and so does this.
                    properties[property.Name] = FromJson(property.Value);
                }

                return FromObject(properties);
            default:
                return Null;
        }
    }

    /// <summary>Writes the value as JSON, numbers by their exact text when they have one.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case LogicKind.Null:
                writer.WriteNullValue();
                break;
            case LogicKind.Boolean:
                writer.WriteBooleanValue(Boolean);
                break;
            case LogicKind.Number:
                if (NumberText is { } text)
                {
                    writer.WriteRawValue(text);
                }
                else if (double.IsFinite(_number))
                {
                    writer.WriteNumberValue(_number);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case LogicKind.String:
                writer.WriteStringValue(String);
                break;
            case LogicKind.Array:
                writer.WriteStartArray();
                foreach (var item in Array)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var (name, value) in Object)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
                break;
        }
    }
}
