namespace OrleansConfig.LoadTests;

/// <summary>
/// Whether the subscribers of a case received every revision exactly once and in order. Each
/// subscriber must receive the revisions after its start revision up to the environment's final
/// revision, each carrying the same write as at every other subscriber, and every successful write.
/// </summary>
public sealed record DeliveryReport(int Subscribers, int Complete, IReadOnlyList<string> Problems)
{
    public bool Passed => Complete == Subscribers && Problems.Count == 0;

    public static DeliveryReport Check(IReadOnlyList<SubscriberLog> logs, WriteLog writes, long startRevision,
        long head)
    {
        var problems = new List<string>();
        var written = Enumerable.Range(0, writes.Count).Count(writes.Succeeded);
        if (head - startRevision < written)
        {
            problems.Add($"The environment moved from revision {startRevision} to {head}, fewer revisions than "
                + $"the {written} successful writes.");
        }

        var writeOf = new Dictionary<long, int>();
        var complete = 0;
        foreach (var log in logs)
        {
            var found = CheckOne(log, writes, head, writeOf);
            problems.AddRange(found);
            complete += found.Count == 0 ? 1 : 0;
        }

        return new DeliveryReport(logs.Count, complete, problems);
    }

    private static List<string> CheckOne(SubscriberLog log, WriteLog writes, long head, Dictionary<long, int> writeOf)
    {
        var problems = log.Errors.Select(error => $"{log.Name}: {error}").ToList();
        var seen = new int[writes.Count];
        var expected = log.StartRevision + 1;
        foreach (var receipt in log.Receipts)
        {
            if (receipt.Revision != expected)
            {
                problems.Add($"{log.Name}: received revision {receipt.Revision} where {expected} was due.");
            }

            expected = Math.Max(expected, receipt.Revision + 1);
            if (writeOf.TryAdd(receipt.Revision, receipt.Sequence) is false
                && writeOf[receipt.Revision] != receipt.Sequence)
            {
                problems.Add($"{log.Name}: revision {receipt.Revision} carried write {receipt.Sequence}, "
                    + $"another subscriber's carried write {writeOf[receipt.Revision]}.");
            }

            if (receipt.Sequence < 0 || receipt.Sequence >= writes.Count)
            {
                problems.Add($"{log.Name}: revision {receipt.Revision} carried a value this run did not write.");
            }
            else if (++seen[receipt.Sequence] == 2)
            {
                problems.Add($"{log.Name}: write {receipt.Sequence} arrived more than once.");
            }
        }

        if (expected <= head)
        {
            problems.Add($"{log.Name}: revisions {expected} to {head} never arrived.");
        }

        var lost = Enumerable.Range(0, writes.Count).Where(s => seen[s] == 0 && writes.Succeeded(s)).ToArray();
        if (lost.Length > 0)
        {
            problems.Add($"{log.Name}: {lost.Length} successful writes never arrived, the first is write {lost[0]}.");
        }

        return problems;
    }
}
