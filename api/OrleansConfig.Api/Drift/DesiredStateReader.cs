using System.Text;
using System.Text.Json;
using OrleansConfig.Api.Formats;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;
using OrleansConfig.Flags;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// Reads a desired-state file, YAML or JSON, with two top-level members: <c>configuration</c>, read as import
/// reads a file (nested sections flatten to <c>:</c>-joined keys), and <c>flags</c>, a mapping of flag keys to
/// flag documents. A member left out is not managed; a member given is managed whole.
/// </summary>
public static class DesiredStateReader
{
    public const string ConfigurationMember = "configuration";
    public const string FlagsMember = "flags";

    private static readonly JsonDocumentOptions LenientJson = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
        MaxDepth = FlagdReader.MaxDepth,
    };

    /// <summary>
    /// Reads <paramref name="content"/>; <paramref name="structuredKeys"/> are the normalized configuration keys
    /// whose stored values are objects or arrays, read as one value as import does.
    /// </summary>
    public static (DesiredState? State, string? Problem) Read(
        ReadOnlySpan<byte> content, ConfigFileFormat format, IReadOnlySet<string> structuredKeys)
    {
        if (JsonInput.InvalidUtf8Offset(content) is { } invalid)
        {
            return (null, $"The desired state is not valid UTF-8 at byte {invalid + 1}; save it as UTF-8.");
        }

        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        var (members, flagNames, scanProblem) = format == ConfigFileFormat.Yaml ? ScanYaml(text) : ScanJson(text);
        if (scanProblem is not null)
        {
            return (null, scanProblem);
        }

        var valueKeys = flagNames.Select(name => $"{FlagsMember}:{FlagKeyRules.Normalize(name)}")
            .Concat(structuredKeys.Select(key => $"{ConfigurationMember}:{key}"))
            .ToHashSet(StringComparer.Ordinal);
        var read = ConfigFileReader.Read(Encoding.UTF8.GetBytes(text), format,
            new ConfigImportOptions { ValueKeys = valueKeys });
        if (read.Error is not null)
        {
            return (null, read.Error);
        }

        var configuration = new List<DesiredItem>();
        var flags = new List<DesiredItem>();
        foreach (var entry in read.Entries)
        {
            var problem = Sort(entry, configuration, flags);
            if (problem is not null)
            {
                return (null, problem);
            }
        }

        return (new DesiredState(
            members.Contains(ConfigurationMember) ? configuration : null,
            members.Contains(FlagsMember) ? flags : null), null);
    }

    private static string? Sort(ConfigEntry entry, List<DesiredItem> configuration, List<DesiredItem> flags)
    {
        var separator = entry.Key.IndexOf(':');
        var member = separator < 0 ? entry.Key : entry.Key[..separator];
        var rest = separator < 0 ? "" : entry.Key[(separator + 1)..];
        if (member == ConfigurationMember)
        {
            if (rest.Length > 0)
            {
                configuration.Add(new DesiredItem(rest, entry.Value));
            }

            return rest.Length > 0 || entry.Value is "{}" or "null" ? null
                : $"'{ConfigurationMember}' is {entry.Value}; it must be a mapping of keys to values.";
        }

        if (member == FlagsMember && rest.Length > 0)
        {
            return ReadFlag(rest, entry.Value, flags);
        }

        return member == FlagsMember && entry.Value is "{}" or "null"
            ? null
            : $"The desired state has the member '{entry.Key}'; it may contain only '{ConfigurationMember}' "
                + $"and '{FlagsMember}'.";
    }

    private static string? ReadFlag(string key, string document, List<DesiredItem> flags)
    {
        if (FlagKeyRules.ValidateKey(key) is { } keyProblem)
        {
            return keyProblem;
        }

        var parsed = FlagDocument.Read(key, document);
        if (parsed.Definition is not { } flag)
        {
            var problems = parsed.Problems.Where(p => p.Severity == FlagProblemSeverity.Error).Take(3);

            return $"The flag '{key}' is not a valid flag document: {string.Join("; ", problems)}.";
        }

        // Stored documents carry a lifecycle; plans compare without it, so any value serves here.
        flags.Add(new DesiredItem(key, flag.With(lifecycle: FlagLifecycles.Active).Write()));

        return null;
    }

    private static (HashSet<string> Members, IReadOnlyList<string> Flags, string? Problem) ScanJson(string text)
    {
        var (parsed, problem) = JsonInput.Parse(text, LenientJson);
        if (parsed is null)
        {
            return ([], [], $"The desired state {problem}");
        }

        using var document = parsed;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ([], [], $"The desired state is {JsonInput.Describe(root.ValueKind)}; it must be "
                + $"an object with '{ConfigurationMember}' and '{FlagsMember}'.");
        }

        var members = root.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var flags = root.TryGetProperty(FlagsMember, out var f) && f.ValueKind == JsonValueKind.Object
            ? f.EnumerateObject().Select(p => p.Name).ToArray()
            : [];

        return (members, flags, null);
    }

    private static (HashSet<string> Members, IReadOnlyList<string> Flags, string? Problem) ScanYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            return ([], [], $"The desired state is not valid YAML at line {exception.Start.Line}: {exception.Message}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1.0 throws these for some malformed input, without a position.
            return ([], [], $"The desired state is not valid YAML: {exception.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ([], [], $"The desired state must be one YAML document whose top level is a mapping with "
                + $"'{ConfigurationMember}' and '{FlagsMember}'.");
        }

        var members = root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")
            .ToHashSet(StringComparer.Ordinal);
        var flags = root.Children.TryGetValue(new YamlScalarNode(FlagsMember), out var node)
            && node is YamlMappingNode mapping
                ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray()
                : [];

        return (members, flags, null);
    }
}
