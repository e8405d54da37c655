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

    private FlagImportFile(
        IReadOnlyDictionary<string, FlagDocument> flags, List<FlagDefinitionProblem> problems, bool isMalformed)
    {
        Flags = flags;
        Problems = problems;
        IsMalformed = isMalformed;
    }

    /// <summary>The flags by key, in the order of the file, or none when the file has errors.</summary>
    public IReadOnlyDictionary<string, FlagDocument> Flags { get; }

    public IReadOnlyList<FlagDefinitionProblem> Problems { get; }

    public bool HasErrors => FlagWritePolicy.HasErrors(Problems);

    /// <summary>True when the file is not UTF-8 JSON at all, as opposed to a JSON file with problems.</summary>
    public bool IsMalformed { get; }

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

        var (raw, syntax) = JsonInput.Parse(text, new JsonDocumentOptions
        {
            MaxDepth = FlagdReader.MaxDepth,
            AllowDuplicateProperties = false,
        });
        if (raw is null)
        {
            return Fail($"The file {syntax}");
        }

        using var file = raw;
        var read = FlagdReader.ReadFlagSet(text);
        var rawFlags = FlagObjectsOf(file);
        var problems = FlagWritePolicy.Apply(read.Problems, rawFlags.Keys.Select(FlagPath));
        var flags = new OrderedDictionary<string, FlagDocument>(StringComparer.Ordinal);
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, element) in rawFlags)
        {
            var path = FlagPath(key);
            if (FlagRoutes.ValidateKey(key) is { } keyProblem)
            {
                problems.Add(Error(path, keyProblem));
            }
            else if (!normalized.TryAdd(FlagKeyRules.Normalize(key), key))
            {
                var first = normalized[FlagKeyRules.Normalize(key)];
                problems.Add(Error(path, $"The flag key '{key}' differs only by case from '{first}' in the same "
                    + "file; flag keys are unique ignoring case."));
            }

            // A file with errors yields no flag set, so its flags' own members are checked from the text.
            var document = read.Definition is { } set ? FlagDocument.FromFlagSet(set, key) : null;
            var memberProblems = document?.Problems ?? FlagDocument.CheckExtraMembers(element);
            problems.AddRange(memberProblems.Select(p => p with { Path = JsonPath.Combine(path, p.Path) }));
            if (document?.Definition is { } flag)
            {
                flags[key] = flag;
            }
        }

        var ordered = FlagWritePolicy.ErrorsFirst(problems);

        var valid = !FlagWritePolicy.HasErrors(ordered);

        IReadOnlyDictionary<string, FlagDocument> accepted = valid ? flags : new Dictionary<string, FlagDocument>();

        return new FlagImportFile(accepted, ordered, isMalformed: false);
    }

    /// <summary>Returns the path of a flag in a file, such as <c>$['flags']['new-banner']</c>.</summary>
    public static string FlagPath(string key) => JsonPath.Member(JsonPath.Member(JsonPath.Root, "flags"), key);

    private static FlagDefinitionProblem Error(string path, string message) =>
        new(path, message, FlagProblemSeverity.Error);

    private static FlagImportFile Fail(string message) =>
        new(new Dictionary<string, FlagDocument>(), [Error(JsonPath.Root, message)], isMalformed: true);

    /// <summary>Returns the members of the file's <c>flags</c> object in the order of the file.</summary>
    private static OrderedDictionary<string, JsonElement> FlagObjectsOf(JsonDocument document)
    {
        var flags = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("flags", out var members)
            && members.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in members.EnumerateObject())
            {
                flags[member.Name] = member.Value;
            }
        }

        return flags;
    }
}
