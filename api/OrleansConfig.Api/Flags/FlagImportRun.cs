using System.Collections.Concurrent;
using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// Writes an import plan through the flag grains. The file was checked whole before this point, so
/// only the cluster or a concurrent writer can stop it midway. The caller then sees 503 or 409, and
/// repeating the import finishes it, because flags that already have their new definition are unchanged.
/// </summary>
public static class FlagImportRun
{
    /// <summary>Flag writes of one import that run at once.</summary>
    private const int WriteParallelism = 16;

    private const string Comment = "import";

    public static async Task<FlagImportResult> ApplyAsync(
        FlagImportPlan plan, string flagsPath, string author, Func<string, IFlagGrain> grainOf)
    {
        var outcomes = new ConcurrentBag<(string Key, ConfigResult Result)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism };
        await Parallel.ForEachAsync(plan.Creates.Concat(plan.Updates), options, async (write, _) =>
        {
            var conditions = write.Version is int version
                ? new WriteConditions(IfMatchVersion: version)
                : new WriteConditions(IfNoneMatchAny: true);
            var put = new ConfigPut(write.Key, write.Value, author, Comment, conditions);
            outcomes.Add((write.Key, await grainOf(write.Key).Put(put)));
        });
        await Parallel.ForEachAsync(plan.Deletes, options, async (entry, _) =>
        {
            var delete = new ConfigDelete(author, Comment, new WriteConditions(IfMatchVersion: entry.Version));
            outcomes.Add((entry.Key, await grainOf(entry.Key).Delete(delete)));
        });

        return Summarize(outcomes.ToArray(), plan, flagsPath);
    }

    private static FlagImportResult Summarize(
        (string Key, ConfigResult Result)[] outcomes, FlagImportPlan plan, string flagsPath)
    {
        string[] KeysWith(ConfigStatus status) =>
            outcomes.Where(o => o.Result.Status == status).Select(o => o.Key).Order(StringComparer.Ordinal).ToArray();

        var created = KeysWith(ConfigStatus.Created);
        var updated = KeysWith(ConfigStatus.Updated);
        var failures = outcomes.Where(o => !o.Result.IsSuccess).ToArray();
        if (failures.FirstOrDefault(f => f.Result.Status == ConfigStatus.AuditUnavailable) is { Key: not null } audit)
        {
            return new FlagImportResult([], [], [], [], Problems.Unavailable($"{audit.Result.Detail} "
                + $"{created.Length} flag(s) were created and {updated.Length} updated before that; repeat the import "
                + "once the audit log is back to finish it."));
        }

        if (failures.Length > 0)
        {
            // Only a concurrent writer can cause this: the plan's versions no longer match.
            var keys = string.Join(", ", failures.Select(f => f.Key).Order(StringComparer.Ordinal));

            return new FlagImportResult([], [], [], [], Problems.Create(StatusCodes.Status409Conflict,
                $"{failures.Length} flag(s) changed while the import ran and were not written: {keys}. "
                + $"The first reason: {failures[0].Result.Detail} The other flags were written; repeat the import "
                + $"to finish it, after checking those flags at {flagsPath}/{{key}}."));
        }

        var unchanged = plan.Unchanged.Concat(KeysWith(ConfigStatus.Unchanged)).Order(StringComparer.Ordinal);

        return new FlagImportResult(created, updated, unchanged.ToArray(), KeysWith(ConfigStatus.Deleted), null);
    }
}

/// <summary>The keys an import wrote, or the problem that stopped it.</summary>
public sealed record FlagImportResult(
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Deleted,
    IResult? Problem);
