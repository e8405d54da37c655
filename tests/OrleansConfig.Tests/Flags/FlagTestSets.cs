using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansConfig.Flags;
using OrleansConfig.Flags.Logic;

namespace OrleansConfig.Tests.Flags;

/// <summary>Builds flag sets, contexts and JsonLogic results from JSON text for the flag tests.</summary>
internal static class FlagTestSets
{
    /// <summary>Reads and compiles a flagd file, failing the test when the reader reports an error.</summary>
    public static CompiledFlagSet Compile(string json, FlagEvaluationOptions? options = null)
    {
        var result = FlagdReader.ReadFlagSet(json);

        return CompiledFlagSet.Compile(
            result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Problems)), options);
    }

    /// <summary>Compiles a file holding one flag, "f", with the given variants, default and targeting.</summary>
    public static CompiledFlagSet Flag(string variants, string? defaultVariant, string? targeting,
        string state = "ENABLED")
    {
        var defaultMember = defaultVariant is null ? "" : $", \"defaultVariant\": \"{defaultVariant}\"";
        var targetingMember = targeting is null ? "" : $", \"targeting\": {targeting}";

        return Compile("{\"flags\": {\"f\": {\"state\": \"" + state + "\", \"variants\": " + variants
            + defaultMember + targetingMember + "}}}");
    }

    public static EvaluationContext Context(string json)
    {
        using var document = JsonDocument.Parse(json);

        return EvaluationContext.FromJson(document.RootElement.Clone());
    }

    /// <summary>Evaluates a JsonLogic rule against data and returns the result as compact JSON.</summary>
    public static string Evaluate(string rule, string data = "{}", string flagKey = "flag", long timestamp = 0)
    {
        using var ruleDocument = JsonDocument.Parse(rule);
        using var dataDocument = JsonDocument.Parse(data);
        var node = LogicCompiler.Compile(ruleDocument.RootElement);
        var value = node.Evaluate(Scope.ForEvaluation(LogicValue.FromJson(dataDocument.RootElement),
            flagKey, timestamp));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
