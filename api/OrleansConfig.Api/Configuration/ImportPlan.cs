using System.Text;
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

    public static ImportPlan Create(IReadOnlyList<ConfigEntry> entries, IReadOnlyList<SnapshotEntry> existing, int maxValueBytes)
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
                    $"The value of '{entry.Key}' is {size} bytes; the limit is {maxValueBytes} bytes. Nothing was imported.");
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
                    + "read case-insensitively, so rename it in the file or delete the existing key. Nothing was imported.");
            }

            if (found.Value == entry.Value)
            {
                unchanged++;
            }
            else
            {
                writes.Add(entry);
            }
        }

        return new ImportPlan(writes, unchanged, null);
    }

    private static ImportPlan Fail(int status, string detail) => new([], 0, Problems.Create(status, detail));
}
