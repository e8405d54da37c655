using Microsoft.Extensions.Primitives;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// The query of <c>GET …/flags</c>: <c>tag</c> (repeatable, every one must be present, ignoring case), <c>type</c>
/// and <c>lifecycle</c> (repeatable, any one matches), <c>owner</c>, <c>state</c> (enabled or
/// disabled), <c>prefix</c> of the key (ignoring case) and <c>includeArchived</c>. Archived flags are
/// left out unless <c>includeArchived=true</c> or <c>lifecycle=archived</c> requests them.
/// </summary>
public sealed class FlagListFilter
{
    private FlagListFilter()
    {
    }

    public IReadOnlyList<string> Tags { get; private init; } = [];

    public IReadOnlyList<string> Types { get; private init; } = [];

    public IReadOnlyList<string> Lifecycles { get; private init; } = [];

    public string? Owner { get; private init; }

    public bool? Enabled { get; private init; }

    public string? Prefix { get; private init; }

    public bool IncludeArchived { get; private init; }

    /// <summary>Reads the filter, or returns an error message naming the first invalid value.</summary>
    public static (FlagListFilter? Filter, string? Error) Read(IQueryCollection query)
    {
        var types = Values(query, "type");
        var lifecycles = Values(query, "lifecycle");
        var error = Unknown("type", types, FlagTypes.All) ?? Unknown("lifecycle", lifecycles, FlagLifecycleView.All);
        var (enabled, stateError) = ReadState(query["state"]);
        var (includeArchived, archivedError) = ReadBoolean(query["includeArchived"], "includeArchived");
        error ??= stateError ?? archivedError;
        if (error is not null)
        {
            return (null, error);
        }

        return (new FlagListFilter
        {
            Tags = Values(query, "tag"),
            Types = types,
            Lifecycles = lifecycles,
            Owner = Single(query["owner"]),
            Enabled = enabled,
            Prefix = Single(query["prefix"]),
            IncludeArchived = includeArchived || lifecycles.Contains(FlagLifecycles.Archived),
        }, null);
    }

    /// <summary>Returns true when the flag passes every filter except lifecycle, which needs its age.</summary>
    public bool MatchesDefinition(string key, StoredFlag flag) =>
        (Prefix is null || key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        && (IncludeArchived || flag.Lifecycle != FlagLifecycles.Archived)
        && (Types.Count == 0 || Types.Contains(flag.Type, StringComparer.Ordinal))
        && (Owner is null || string.Equals(flag.Owner, Owner, StringComparison.OrdinalIgnoreCase))
        && (Enabled is null || flag.Enabled == Enabled)
        && Tags.All(tag => flag.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase));

    public bool MatchesLifecycle(string lifecycle) =>
        Lifecycles.Count == 0 || Lifecycles.Contains(lifecycle, StringComparer.Ordinal);

    private static string[] Values(IQueryCollection query, string name) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static string? Single(StringValues values) => values.Count == 0 || values[^1] is not { Length: > 0 } value
        ? null
        : value;

    private static string? Unknown(string name, IEnumerable<string> values, IReadOnlyList<string> allowed) =>
        values.FirstOrDefault(v => !allowed.Contains(v, StringComparer.Ordinal)) is { } unknown
            ? $"{name}={unknown} is not a flag {name}; use one of {string.Join(", ", allowed)}, or several "
                + $"separated by commas."
            : null;

    private static (bool? Enabled, string? Error) ReadState(StringValues values) => Single(values) switch
    {
        null => (null, null),
        var text when text.Equals("enabled", StringComparison.OrdinalIgnoreCase) => (true, null),
        var text when text.Equals("disabled", StringComparison.OrdinalIgnoreCase) => (false, null),
        var text => (null, $"state={text} is not a flag state; use state=enabled or state=disabled."),
    };

    private static (bool Value, string? Error) ReadBoolean(StringValues values, string name) => Single(values) switch
    {
        null => (false, null),
        var text when bool.TryParse(text, out var value) => (value, null),
        var text => (false, $"{name}={text} is not true or false."),
    };
}
