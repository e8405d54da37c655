using System.Globalization;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.LoadTests.Platform.Slo;

/// <summary>The verdict of one objective row.</summary>
public enum SloVerdict
{
    Pass,
    Fail,

    /// <summary>The steady phase recorded no request of the row, so nothing was measured.</summary>
    NoData,
}

/// <summary>One row of the SLO table: an objective checked against one operation (or a whole scenario).</summary>
public sealed record SloRow(string Scenario, string Objective, string Subject, string Target, double Measured,
    string MeasuredText, SloVerdict Verdict);

/// <summary>
/// Checks measured numbers against an <see cref="SloFile"/>: each latency objective against every operation of
/// its category in the steady phase, and the error rate against every completed scenario's steady phase.
/// </summary>
public static class SloEvaluator
{
    public static IReadOnlyList<SloRow> Evaluate(SloFile slo, IEnumerable<ScenarioResult> scenarios)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(scenarios);

        var rows = new List<SloRow>();
        foreach (var scenario in scenarios.Where(s => s.Status == ScenarioStatus.Completed))
        {
            foreach (var objective in slo.Objectives)
            {
                foreach (var operation in scenario.Operations.Where(o => o.Category == objective.Category))
                {
                    rows.Add(Latency(scenario.Name, objective, operation));
                }
            }

            rows.Add(ErrorRate(scenario, slo.MaxErrorRatePercent));
        }

        return rows;
    }

    /// <summary>Returns the steady-phase value at a percentile the report measures, in ms.</summary>
    public static double SteadyPercentile(OperationResult operation, double percentile)
    {
        ArgumentNullException.ThrowIfNull(operation);

        return percentile switch
        {
            50 => operation.Steady.P50,
            90 => operation.Steady.P90,
            95 => operation.Steady.P95,
            99 => operation.Steady.P99,
            _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Not a measured percentile."),
        };
    }

    private static SloRow Latency(string scenario, SloObjective objective, OperationResult operation)
    {
        var measured = SteadyPercentile(operation, objective.Percentile);
        var target = Text($"p{objective.Percentile:0.#} ≤ {objective.MaxMilliseconds:0.##} ms");
        if (operation.SteadyRequests == 0 || double.IsNaN(measured))
        {
            return new SloRow(scenario, objective.Name, operation.Name, target, double.NaN, "no steady requests",
                SloVerdict.NoData);
        }

        // The sample size shows how much a verdict rests on: a p99 of a few requests is one slow request.
        return new SloRow(scenario, objective.Name, operation.Name, target, measured,
            Text($"p{objective.Percentile:0.#} = {measured:0.##} ms of {operation.SteadyRequests:N0} requests"),
            measured <= objective.MaxMilliseconds ? SloVerdict.Pass : SloVerdict.Fail);
    }

    private static SloRow ErrorRate(ScenarioResult scenario, double maxPercent)
    {
        var requests = scenario.Operations.Sum(o => o.SteadyRequests);
        var errors = scenario.Operations.Sum(o => o.SteadyErrors);
        var target = maxPercent == 0 ? "no failed request" : Text($"error rate ≤ {maxPercent:0.###} %");
        if (requests == 0)
        {
            return new SloRow(scenario.Name, "Error rate", "all requests", target, double.NaN, "no steady requests",
                SloVerdict.NoData);
        }

        var percent = 100.0 * errors / requests;

        return new SloRow(scenario.Name, "Error rate", "all requests", target, percent,
            Text($"{percent:0.###} % ({errors:N0} of {requests:N0})"),
            percent <= maxPercent ? SloVerdict.Pass : SloVerdict.Fail);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
