using System.Globalization;
using System.Text;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>Formats the results as the Markdown table of docs/benchmarks.md.</summary>
public static class ResultTable
{
    /// <summary>
    /// Returns the table. The ratio columns divide each case's delivery p50 and p99 by those of the
    /// co-hosted case with one subscriber of the same run, or of the first case when that one did not run.
    /// "After response" is the time from the PUT's response to the event's arrival, negative when the
    /// event arrived first.
    /// </summary>
    public static string Format(IReadOnlyList<CaseResult> results, LatencySummary? probe, double rate)
    {
        var baseline = results.FirstOrDefault(r => r is { Path: SubscriberPath.Cluster, Subscribers: 1 }) ?? results[0];
        var table = new StringBuilder();
        table.AppendLine("| Case | Writes | Events | p50 ms | p99 ms | max ms | p50 ratio | p99 ratio "
            + "| PUT p50 ms | PUT p99 ms | After response p50 ms | Every revision once, in order |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            var delivery = result.Delivery;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Name} | {result.Put.Count:N0} | {delivery.Count:N0} | {delivery.P50:F2} "
                + $"| {delivery.P99:F2} | {delivery.Max:F2} | {delivery.P50 / baseline.Delivery.P50:F2} "
                + $"| {delivery.P99 / baseline.Delivery.P99:F2} | {result.Put.P50:F2} | {result.Put.P99:F2} "
                + $"| {result.AfterResponse.P50:F2} | {Verdict(result)} |");
        }

        table.AppendLine();
        table.AppendLine($"Ratios are to: {baseline.Name}.");
        table.AppendLine();
        table.AppendLine("| Case | CPU used while writing, in cores |");
        table.AppendLine("|---|---|");
        foreach (var result in results)
        {
            table.AppendLine($"| {result.Name} | {result.Cpu} |");
        }

        table.AppendLine();
        if (probe is not null)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"Reference in the same run, {probe.Count:N0} single-key reads (GET …/configs/{{key}}) at {rate} "
                + $"per second after the cases: p50 {probe.P50:F2} ms, p99 {probe.P99:F2} ms, max {probe.Max:F2} ms.");
        }

        return table.ToString();
    }

    private static string Verdict(CaseResult result)
    {
        var check = result.Check;
        var verdict = check.Passed
            ? $"yes, {check.Complete}/{check.Subscribers}"
            : $"**no**, {check.Complete}/{check.Subscribers} complete";

        return result.WriteErrors.Count == 0 ? verdict : $"{verdict}; {result.WriteErrors.Count} writes failed";
    }
}
