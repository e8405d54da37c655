using System.Text.Json;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// What an import changes, decided against the environment's flags before anything is written. A flag
/// whose definition equals the stored one (ignoring member order and the lifecycle, which an import
/// never changes) is unchanged. With <c>replace</c>, every live flag the file lacks is deleted, except
/// archived ones, which stay archived. Conflicts are a file key that differs from a stored key only by
/// case, and a change to an archived flag.
/// </summary>
public sealed class FlagImportPlan
{
    private FlagImportPlan()
    {
    }

    public List<FlagImportWrite> Creates { get; } = [];

    public List<FlagImportWrite> Updates { get; } = [];

    public List<string> Unchanged { get; } = [];

    public List<SnapshotEntry> Deletes { get; } = [];

    public List<FlagDefinitionProblem> Conflicts { get; } = [];

    public static FlagImportPlan Create(
        IReadOnlyDictionary<string, FlagDocument> flags, IReadOnlyList<SnapshotEntry> existing, bool replace)
    {
        var plan = new FlagImportPlan();
        var stored = existing.ToDictionary(e => FlagKeyRules.Normalize(e.Key), StringComparer.Ordinal);
        foreach (var (key, document) in flags)
        {
            var value = document.Write();
            if (!stored.Remove(FlagKeyRules.Normalize(key), out var entry))
            {
                plan.Creates.Add(new FlagImportWrite(key, value, null));
            }
            else if (!string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                plan.Conflicts.Add(Conflict(key, $"The flag key '{key}' differs only by case from the stored flag "
                    + $"'{entry.Key}'; rename it in the file to '{entry.Key}', or delete the stored flag first."));
            }
            else if (SameDefinition(entry.Value, value))
            {
                plan.Unchanged.Add(key);
            }
            else if (StoredFlag.Parse(entry.Value).Lifecycle == FlagLifecycles.Archived)
            {
                plan.Conflicts.Add(Conflict(key, $"The flag '{key}' is archived, so it cannot change; restore it "
                    + $"with POST …/flags/{key}/restore first, or leave it out of the file."));
            }
            else
            {
                plan.Updates.Add(new FlagImportWrite(key, value, entry.Version));
            }
        }

        if (replace)
        {
            plan.Deletes.AddRange(stored.Values
                .Where(e => StoredFlag.Parse(e.Value).Lifecycle != FlagLifecycles.Archived)
                .OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        return plan;
    }

    /// <summary>Compares two flag documents member by member, ignoring order and <c>lifecycle</c>.</summary>
    public static bool SameDefinition(string stored, string imported)
    {
        using var left = JsonDocument.Parse(stored, StoredFlag.DocumentOptions);
        using var right = JsonDocument.Parse(imported, StoredFlag.DocumentOptions);
        var leftMembers = Members(left.RootElement);
        var rightMembers = Members(right.RootElement);

        return leftMembers.Count == rightMembers.Count
            && leftMembers.All(pair => rightMembers.TryGetValue(pair.Key, out var other)
                && JsonElement.DeepEquals(pair.Value, other));
    }

    private static Dictionary<string, JsonElement> Members(JsonElement root) => root.EnumerateObject()
        .Where(p => p.Name != "lifecycle")
        .GroupBy(p => p.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static FlagDefinitionProblem Conflict(string key, string message) =>
        new(FlagImportFile.FlagPath(key), message, FlagProblemSeverity.Error);
}

/// <summary>
/// One flag an import writes: its key as the file has it, the document to store, and the version it
/// updates (null for a new flag), which the write requires so a concurrent change is not overwritten.
/// </summary>
public sealed record FlagImportWrite(string Key, string Value, int? Version);
