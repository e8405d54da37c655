using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// A stored flag: one flagd flag definition with every <c>$ref</c> resolved, plus what flagd lacks,
/// written as extra members of the same JSON object: <c>description</c>, <c>owner</c>, <c>tags</c>,
/// <c>type</c> (one of <see cref="FlagTypes"/>), <c>expectedLifetimeDays</c> (overrides the type's
/// lifetime) and <c>lifecycle</c> (active, stale or archived). flagd itself ignores these members, so an
/// exported document still loads in flagd.
/// </summary>
public sealed partial class FlagDocument
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxOwnerLength = 200;
    public const int MaxTags = 32;
    public const int MaxTagLength = 64;

    private static readonly string[] s_flagdMembers = ["state", "variants", "defaultVariant", "targeting", "metadata"];

    private static readonly string[] s_extraMembers =
        ["description", "owner", "tags", "type", "expectedLifetimeDays", "lifecycle"];

    public required FlagDefinition Flag { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string Type { get; init; } = FlagTypes.Release;

    /// <summary>The lifetime set on this flag, overriding its type's; null to use the type's.</summary>
    public int? ExpectedLifetimeDays { get; init; }

    public string Lifecycle { get; init; } = "active";

    public bool IsArchived => Lifecycle == "archived";

    /// <summary>The expected lifetime, or null when the flag is permanent.</summary>
    public TimeSpan? ExpectedLifetime => ExpectedLifetimeDays is int days
        ? TimeSpan.FromDays(days)
        : FlagTypes.DefaultLifetime(Type);

    /// <summary>
    /// Reads a document. Problems carry JSONPaths from the document's root; <c>$ref</c>s are checked
    /// against <paramref name="evaluators"/> and, when the document is valid, replaced by their rules.
    /// </summary>
    public static FlagdParseResult<FlagDocument> Read(
        string key, string json, IReadOnlyDictionary<string, JsonElement>? evaluators = null)
    {
        var parsed = FlagdReader.ReadFlag(key, json, evaluators);
        var problems = parsed.Problems.ToList();
        if (parsed.Definition is not { } flag)
        {
            // The other members are checked too, so that one answer lists every problem.
            using var raw = TryParse(json);
            if (raw is not null)
            {
                problems.AddRange(CheckExtraMembers(raw.RootElement));
            }

            return new(null, problems);
        }

        var document = FromDefinition(flag, evaluators, problems);

        return new(problems.Exists(p => p.Severity == FlagProblemSeverity.Error) ? null : document, problems);
    }

    /// <summary>
    /// The document of one flag of a flagd file: references resolved from the file's
    /// <c>$evaluators</c>, and the file's metadata merged under the flag's own.
    /// </summary>
    public static FlagdParseResult<FlagDocument> FromFlagSet(FlagSetDefinition set, string key)
    {
        ArgumentNullException.ThrowIfNull(set);
        var flag = set.Flags[key];
        if (set.Metadata.Count > 0)
        {
            var metadata = new OrderedDictionary<string, JsonElement>(set.Metadata.Count + flag.Metadata.Count);
            foreach (var (name, value) in set.Metadata)
            {
                metadata[name] = value;
            }

            foreach (var (name, value) in flag.Metadata)
            {
                metadata[name] = value;
            }

            flag = Copy(flag, flag.Targeting, metadata);
        }

        var problems = new List<FlagDefinitionProblem>();
        var document = FromDefinition(flag, set.Evaluators, problems);

        return new(problems.Exists(p => p.Severity == FlagProblemSeverity.Error) ? null : document, problems);
    }

    /// <summary>
    /// Checks the members of a flag object that flagd does not define (description, owner, tags, type,
    /// expectedLifetimeDays, lifecycle and unknown ones) as <see cref="Read"/> does, with paths from the
    /// flag's root, for a flag whose flagd members have errors and that therefore yields no document.
    /// </summary>
    public static IReadOnlyList<FlagDefinitionProblem> CheckExtraMembers(JsonElement flag)
    {
        var problems = new List<FlagDefinitionProblem>();
        if (flag.ValueKind == JsonValueKind.Object)
        {
            var members = FlagdReader.Members(flag);
            foreach (var name in s_flagdMembers)
            {
                members.Remove(name);
            }

            _ = ReadExtras(members, problems);
        }

        return problems;
    }

    /// <summary>Returns a copy with other values; the flag definition is shared.</summary>
    public FlagDocument With(FlagDefinition? flag = null, string? lifecycle = null) => new()
    {
        Flag = flag ?? Flag,
        Description = Description,
        Owner = Owner,
        Tags = Tags,
        Type = Type,
        ExpectedLifetimeDays = ExpectedLifetimeDays,
        Lifecycle = lifecycle ?? Lifecycle,
    };

    /// <summary>Writes the document as one JSON object: the flag's members, then the extra members.</summary>
    public string Write()
    {
        var extras = new OrderedDictionary<string, JsonElement>();
        foreach (var (name, value) in Flag.AdditionalProperties)
        {
            if (Array.IndexOf(s_extraMembers, name) < 0)
            {
                extras[name] = value;
            }
        }

        if (Description is not null)
        {
            extras["description"] = JsonSerializer.SerializeToElement(Description);
        }

        if (Owner is not null)
        {
            extras["owner"] = JsonSerializer.SerializeToElement(Owner);
        }

        if (Tags.Count > 0)
        {
            extras["tags"] = JsonSerializer.SerializeToElement(Tags);
        }

        extras["type"] = JsonSerializer.SerializeToElement(Type);
        if (ExpectedLifetimeDays is int days)
        {
            extras["expectedLifetimeDays"] = JsonSerializer.SerializeToElement(days);
        }

        extras["lifecycle"] = JsonSerializer.SerializeToElement(Lifecycle);

        return FlagdWriter.WriteFlag(Copy(Flag, Flag.Targeting, Flag.Metadata, extras)).TrimEnd('\n');
    }

    /// <summary>The flag definition alone, without the extra members, as flagd reads it.</summary>
    public FlagDefinition ToFlagd()
    {
        var others = new OrderedDictionary<string, JsonElement>();
        foreach (var (name, value) in Flag.AdditionalProperties)
        {
            if (Array.IndexOf(s_extraMembers, name) < 0)
            {
                others[name] = value;
            }
        }

        return Copy(Flag, Flag.Targeting, Flag.Metadata, others);
    }

    private static FlagDocument FromDefinition(
        FlagDefinition flag, IReadOnlyDictionary<string, JsonElement>? evaluators,
        List<FlagDefinitionProblem> problems)
    {
        var extras = ReadExtras(flag.AdditionalProperties, problems);
        var targeting = flag.Targeting;
        if (targeting is { } rule && evaluators is { Count: > 0 })
        {
            targeting = RefResolver.Resolve(rule, evaluators, out _);
        }

        return new FlagDocument
        {
            Flag = Copy(flag, targeting, flag.Metadata),
            Description = extras.Description,
            Owner = extras.Owner,
            Tags = extras.Tags,
            Type = extras.Type,
            ExpectedLifetimeDays = extras.ExpectedLifetimeDays,
            Lifecycle = extras.Lifecycle,
        };
    }

    private static Extras ReadExtras(IReadOnlyDictionary<string, JsonElement> members,
        List<FlagDefinitionProblem> problems)
    {
        var extras = new Extras(
            ReadText(members, "description", MaxDescriptionLength, problems),
            ReadText(members, "owner", MaxOwnerLength, problems),
            ReadTags(members, problems),
            ReadChoice(members, "type", FlagTypes.All, problems) ?? FlagTypes.Release,
            ReadLifetime(members, problems),
            ReadChoice(members, "lifecycle", ["active", "stale", "archived"], problems) ?? "active");
        foreach (var name in members.Keys.Where(name => Array.IndexOf(s_extraMembers, name) < 0))
        {
            problems.Add(FlagdReader.Warning(JsonPath.Member(JsonPath.Root, name),
                $"'{name}' is not a member of a flag definition; it is kept as written but means nothing here. "
                + "Flag metadata belongs in 'metadata'."));
        }

        return extras;
    }

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = FlagdReader.MaxDepth });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FlagDefinition Copy(
        FlagDefinition flag, JsonElement? targeting, IReadOnlyDictionary<string, JsonElement> metadata,
        IReadOnlyDictionary<string, JsonElement>? additional = null) => new()
    {
        Key = flag.Key,
        State = flag.State,
        Variants = flag.Variants,
        DefaultVariant = flag.DefaultVariant,
        HasExplicitNullDefaultVariant = flag.HasExplicitNullDefaultVariant,
        Targeting = targeting,
        Metadata = metadata,
        AdditionalProperties = additional ?? flag.AdditionalProperties,
    };

    private static string? ReadText(IReadOnlyDictionary<string, JsonElement> members, string name, int maxLength,
        List<FlagDefinitionProblem> problems)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = JsonPath.Member(JsonPath.Root, name);
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(FlagdReader.Error(path, $"'{name}' is {FlagdReader.Described(value)}; it must be a string."));

            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            problems.Add(FlagdReader.Error(path,
                $"'{name}' is {text.Length} characters long; the maximum is {maxLength}."));
        }

        return text;
    }

    private static List<string> ReadTags(IReadOnlyDictionary<string, JsonElement> members,
        List<FlagDefinitionProblem> problems)
    {
        var tags = new List<string>();
        if (!members.TryGetValue("tags", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return tags;
        }

        var path = JsonPath.Member(JsonPath.Root, "tags");
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(FlagdReader.Error(path,
                $"'tags' is {FlagdReader.Described(value)}; it must be an array of strings."));

            return tags;
        }

        var index = 0;
        foreach (var tag in value.EnumerateArray())
        {
            var tagPath = JsonPath.Index(path, index++);
            var text = tag.ValueKind == JsonValueKind.String ? tag.GetString() : null;
            if (text is not { Length: > 0 and <= MaxTagLength })
            {
                problems.Add(FlagdReader.Error(tagPath,
                    $"The tag {tag.GetRawText()} is not a string of 1 to {MaxTagLength} characters."));
                continue;
            }

            // Tags match ignoring case in filters, so repeats differing only by case are dropped too.
            if (!tags.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(text);
            }
        }

        if (tags.Count > MaxTags)
        {
            problems.Add(FlagdReader.Error(path, $"The flag has {tags.Count} tags; the maximum is {MaxTags}."));
        }

        return tags;
    }

    private static string? ReadChoice(IReadOnlyDictionary<string, JsonElement> members, string name,
        IReadOnlyList<string> choices, List<FlagDefinitionProblem> problems)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is not null && choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        problems.Add(FlagdReader.Error(JsonPath.Member(JsonPath.Root, name),
            $"'{name}' is {value.GetRawText()}; it must be one of "
            + $"{string.Join(", ", choices.Select(c => $"\"{c}\""))}."));

        return null;
    }

    private static int? ReadLifetime(IReadOnlyDictionary<string, JsonElement> members,
        List<FlagDefinitionProblem> problems)
    {
        if (!members.TryGetValue("expectedLifetimeDays", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days) && days is >= 1 and <= 3650)
        {
            return days;
        }

        problems.Add(FlagdReader.Error(JsonPath.Member(JsonPath.Root, "expectedLifetimeDays"),
            $"'expectedLifetimeDays' is {value.GetRawText()}; it must be a whole number of days from 1 to 3650, "
            + "or null to use the lifetime of the flag's type."));

        return null;
    }

    private sealed record Extras(string? Description, string? Owner, IReadOnlyList<string> Tags, string Type,
        int? ExpectedLifetimeDays, string Lifecycle);
}
