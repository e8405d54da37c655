using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansConfig.Flags;

namespace OrleansConfig.FlagEvalBench;

/// <summary>
/// Nanoseconds per evaluation of a compiled flag set, for the flags of bench-cases.json. Each
/// invocation evaluates the flag once for each of the prepared contexts.
/// </summary>
[MemoryDiagnoser]
public class FlagEvaluationBenchmarks
{
    private const int ContextCount = 1000;

    private CompiledFlagSet _flags = null!;
    private EvaluationContext[] _contexts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench-cases.json"));
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.GetProperty("contextCount").GetInt32() != ContextCount)
        {
            throw new InvalidOperationException($"bench-cases.json must set contextCount to {ContextCount}.");
        }

        var definition = FlagdReader.ReadFlagSet(text);
        _flags = CompiledFlagSet.Compile(definition.Definition
            ?? throw new InvalidOperationException(string.Join("; ", definition.Problems)));
        _contexts = Enumerable.Range(0, ContextCount)
            .Select(i => EvaluationContext.Create($"user-{i}", BenchContexts.Attributes(i)))
            .ToArray();
    }

    [Benchmark(OperationsPerInvoke = ContextCount)]
    public int Static()
    {
        var matches = 0;
        foreach (var context in _contexts)
        {
            matches += _flags.ResolveBoolean("static-flag", false, context).Value ? 1 : 0;
        }

        return matches;
    }

    [Benchmark(OperationsPerInvoke = ContextCount)]
    public int Targeting() => ResolveStringForEachContext("targeting-flag");

    [Benchmark(OperationsPerInvoke = ContextCount)]
    public int Fractional() => ResolveStringForEachContext("fractional-flag");

    private int ResolveStringForEachContext(string flagKey)
    {
        var length = 0;
        foreach (var context in _contexts)
        {
            length += _flags.ResolveString(flagKey, "", context).Value.Length;
        }

        return length;
    }
}
