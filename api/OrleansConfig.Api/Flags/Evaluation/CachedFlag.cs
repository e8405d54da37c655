using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags.Evaluation;

/// <summary>
/// One stored flag as this process evaluates it: compiled once per version, or the reason it could
/// not be read. An archived flag is kept, so that restoring it is one more change, but evaluates as
/// not found.
/// </summary>
internal sealed class CachedFlag
{
    private static readonly IReadOnlyDictionary<string, JsonElement> s_noMetadata =
        new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    private CachedFlag(string key, int version, CompiledFlag? compiled, string? problem, bool archived)
    {
        Key = key;
        Version = version;
        Compiled = compiled;
        Problem = problem;
        IsArchived = archived;
    }

    /// <summary>The key with the case the flag was created with; evaluation matches it exactly.</summary>
    public string Key { get; }

    public int Version { get; }

    public CompiledFlag? Compiled { get; }

    /// <summary>Why the stored document could not be compiled, or null.</summary>
    public string? Problem { get; }

    public bool IsArchived { get; }

    /// <summary>
    /// Reads and compiles a stored flag document. Never throws for a bad document: the flag then
    /// evaluates with PARSE_ERROR and <see cref="Problem"/> states why.
    /// </summary>
    public static CachedFlag Compile(string key, int version, string document, FlagEvaluationOptions options)
    {
        try
        {
            var read = FlagDocument.Read(key, document);
            if (read.Definition is not { } flag)
            {
                var error = read.Problems.FirstOrDefault(p => p.Severity == FlagProblemSeverity.Error);

                return new(key, version, null,
                    $"The stored definition of flag '{key}' is invalid at {error?.Path}: {error?.Message}", false);
            }

            return new(key, version, CompiledFlag.Compile(flag.ToFlagd(), options: options), null, flag.IsArchived);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or FormatException)
        {
            return new(key, version, null, $"The stored definition of flag '{key}' could not be read: "
                + exception.Message, false);
        }
    }

    /// <summary>Resolves the flag without a type; failures are results, never exceptions.</summary>
    public FlagResolution<JsonElement> Evaluate(EvaluationContext context) => Compiled is { } flag
        ? flag.Evaluate(context)
        : new(Key, default, null, FlagReason.Error, FlagErrorCode.ParseError, Problem, s_noMetadata);
}
