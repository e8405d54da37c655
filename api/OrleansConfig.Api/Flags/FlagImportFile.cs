using System.Text;
using System.Text.Json;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// A flagd file read for import: each flag as the document it is stored as (<c>$ref</c>s resolved
/// from the file's <c>$evaluators</c>, the file's metadata merged under the flag's own), and every
/// problem of the file with its path from the file's root, under the write rules of
/// <see cref="FlagWritePolicy"/>.
/// </summary>
public sealed class FlagImportFile
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, throwOnInvalidBytes: true);

    private FlagImportFile(IReadOnlyDictionary<string, FlagDocument> flags, List<FlagDefinitionProblem> problems)
    {
        Flags = flags;
        Problems = problems;
    }

    /// <summary>The flags by key, in the order of the file; empty when the file has errors.</summary>
    public IReadOnlyDictionary<string, FlagDocument> Flags { get; }

    public IReadOnlyList<FlagDefinitionProblem> Problems { get; }

    public bool HasErrors => FlagWritePolicy.HasErrors(Problems);

    public static FlagImportFile Read(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = s_strictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException exception)
        {
            var offset = exception.Index >= 0 ? $" at byte {exception.Index + 1}" : "";

            return Fail($"The file is not valid UTF-8{offset}; save it as UTF-8 JSON.");
        }

        var read = FlagdReader.ReadFlagSet(text);
        var keys = read.Definition?.Flags.Keys.ToArray() ?? FlagKeysOf(text);
        var problems = FlagWritePolicy.Apply(read.Problems, keys.Select(FlagPath));
        if (read.Definition is not { } set)
        {
            return new FlagImportFile(new Dictionary<string, FlagDocument>(), problems);
        }

        var flags = new OrderedDictionary<string, FlagDocument>(StringComparer.Ordinal);
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in set.Flags.Keys)
        {
            var path = FlagPath(key);
            if (FlagRoutes.ValidateKey(key) is { } keyProblem)
            {
                problems.Add(Error(path, keyProblem));
                continue;
            }

            if (!normalized.TryAdd(FlagKeyRules.Normalize(key), key))
            {
                problems.Add(Error(path, $"The flag key '{key}' differs only by case from '{normalized[
                    FlagKeyRules.Normalize(key)]}' in the same file; flag keys are unique ignoring case."));
                continue;
            }

            var document = FlagDocument.FromFlagSet(set, key);
            problems.AddRange(document.Problems.Select(p => p with { Path = JsonPath.Combine(path, p.Path) }));
            if (document.Definition is { } flag)
            {
                flags[key] = flag;
            }
        }

        var ordered = FlagWritePolicy.ErrorsFirst(problems);

        return new FlagImportFile(FlagWritePolicy.HasErrors(ordered) ? new Dictionary<string, FlagDocument>() : flags,
            ordered);
    }

    /// <summary>Returns the path of a flag in a file, such as <c>$['flags']['new-banner']</c>.</summary>
    public static string FlagPath(string key) => JsonPath.Member(JsonPath.Member(JsonPath.Root, "flags"), key);

    private static FlagDefinitionProblem Error(string path, string message) =>
        new(path, message, FlagProblemSeverity.Error);

    private static FlagImportFile Fail(string message) =>
        new(new Dictionary<string, FlagDocument>(), [Error(JsonPath.Root, message)]);

    /// <summary>Returns the keys of the file's <c>flags</c> object when the text is JSON, else none.</summary>
    private static string[] FlagKeysOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);

            var root = document.RootElement;

            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Object
                    ? flags.EnumerateObject().Select(p => p.Name).ToArray()
                    : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
