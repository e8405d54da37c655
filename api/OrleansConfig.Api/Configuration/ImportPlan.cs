using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConfig.Api.Formats;
using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Configuration;

/// <summary>
/// An import checked as a whole against the environment before anything is written: every value
/// within the size limit and no key that differs from an existing key only by case.
/// </summary>
public sealed class ImportPlan
{
    private ImportPlan(IReadOnlyList<ConfigEntry> writes, int unchanged, IResult? problem)
    {
        Writes = writes;
        Unchanged = unchanged;
        Problem = problem;
    }

    public IReadOnlyList<ConfigEntry> Writes { get; }

    public int Unchanged { get; }

    public IResult? Problem { get; }

    /// <param name="textOnly">
    /// True for formats whose values are all strings (.env). A string equal to the JSON text of a
    /// stored number, boolean, null, object or array then leaves that value as it is, so importing
    /// an export of such values changes nothing.
    /// </param>
    public static ImportPlan Create(
        IReadOnlyList<ConfigEntry> entries, IReadOnlyList<SnapshotEntry> existing, int maxValueBytes, bool textOnly)
    {
        var current = existing.ToDictionary(e => ConfigKeyRules.Normalize(e.Key), StringComparer.Ordinal);
        var writes = new List<ConfigEntry>();
        var unchanged = 0;
        foreach (var entry in entries)
        {
            var size = Encoding.UTF8.GetByteCount(entry.Value);
            if (size > maxValueBytes)
            {
                return Fail(StatusCodes.Status413PayloadTooLarge,
                    string.Create(CultureInfo.InvariantCulture,
                        $"The value of '{entry.Key}' is {size:N0} bytes; the limit is {maxValueBytes:N0} bytes. ")
                    + "Nothing was imported.");
            }

            if (!current.TryGetValue(ConfigKeyRules.Normalize(entry.Key), out var found))
            {
                writes.Add(entry);
                continue;
            }

            if (!string.Equals(found.Key, entry.Key, StringComparison.Ordinal))
            {
                return Fail(StatusCodes.Status409Conflict,
                    $"The file's key '{entry.Key}' differs only by case from the existing key '{found.Key}'; keys are "
                    + "read case-insensitively, so rename it in the file or delete the existing key. "
                    + "Nothing was imported.");
            }

            if (SameValue(found.Value, entry.Value) || (textOnly && IsTextOf(found.Value, entry.Value)))
            {
                unchanged++;
            }
            else
            {
                writes.Add(entry);
            }
        }

        var hierarchyProblem = FindLeafAndParent(entries, existing);
        if (hierarchyProblem is not null)
        {
            return Fail(StatusCodes.Status409Conflict, hierarchyProblem + " Nothing was imported.");
        }

        return new ImportPlan(writes, unchanged, null);
    }

    /// <summary>
    /// Finds a file key that is a section of an existing key, or an existing key that is a section
    /// of a file key: the environment would then hold a key that has a value and children.
    /// </summary>
    private static string? FindLeafAndParent(IReadOnlyList<ConfigEntry> entries, IReadOnlyList<SnapshotEntry> existing)
    {
        var existingKeys = existing.ToDictionary(
            e => ConfigKeyRules.Normalize(e.Key), e => e.Key, StringComparer.Ordinal);
        var fileKeys = entries.ToDictionary(
            e => ConfigKeyRules.Normalize(e.Key), e => e.Key, StringComparer.Ordinal);

        return FindSection(entries.Select(e => e.Key), existingKeys)
            ?? FindSection(existing.Select(e => e.Key), fileKeys);
    }

    private static string? FindSection(IEnumerable<string> keys, Dictionary<string, string> leaves)
    {
        foreach (var key in keys)
        {
            for (var i = key.IndexOf(':'); i >= 0; i = key.IndexOf(':', i + 1))
            {
                if (leaves.TryGetValue(ConfigKeyRules.Normalize(key[..i]), out var leaf))
                {
                    return ConfigKeyChecks.LeafAndParentMessage(leaf, key);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the normalized keys whose value is an object or an array, so that an import reads
    /// the file's section at such a key as one value, as export wrote it.
    /// </summary>
    public static IReadOnlySet<string> StructuredKeys(IReadOnlyList<SnapshotEntry> existing) => existing
        .Where(e => IsStructured(e.Value))
        .Select(e => ConfigKeyRules.Normalize(e.Key))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Compares values byte for byte, and objects and arrays also by content, because a YAML file
    /// writes them in another layout than the stored text.
    /// </summary>
    /// <summary>
    /// Returns true when <paramref name="imported"/> is a JSON string whose text is the non-string
    /// <paramref name="stored"/>.
    /// </summary>
    private static bool IsTextOf(string stored, string imported)
    {
        if (stored.Length == 0 || stored[0] == '"' || imported.Length == 0 || imported[0] != '"')
        {
            return false;
        }

        var text = JsonSerializer.Deserialize<string>(imported)!;
        if (text == stored)
        {
            return true;
        }

        // An export may write an object or array in another layout than the stored text.
        try
        {
            return IsStructured(stored) && SameValue(stored, text);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool SameValue(string stored, string imported)
    {
        if (stored == imported)
        {
            return true;
        }

        if (!IsStructured(stored) || !IsStructured(imported))
        {
            return false;
        }

        using var left = JsonDocument.Parse(stored);
        using var right = JsonDocument.Parse(imported);

        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }

    private static bool IsStructured(string value) => value.Length > 0 && value[0] is '{' or '[';

    private static ImportPlan Fail(int status, string detail) => new([], 0, Problems.Create(status, detail));
}
