using OrleansConfig.Api.Http;

namespace OrleansConfig.Api.Audit;

public enum ReportFormat
{
    Json,
    Csv,
    Html,
}

/// <summary>
/// The validated query of <c>GET /v1/audit/reports/{ns}</c>: a period from <see cref="From"/>
/// (included) to <see cref="To"/> (excluded), and one environment or, when null, all of them.
/// </summary>
public sealed record ReportRequest(
    string Namespace,
    string? Environment,
    DateTimeOffset From,
    DateTimeOffset To,
    ReportFormat Format)
{
    private static readonly Dictionary<string, ReportFormat> FormatNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = ReportFormat.Json,
        ["csv"] = ReportFormat.Csv,
        ["html"] = ReportFormat.Html,
    };

    /// <summary>
    /// Reads the period and the format, or returns a 400 problem that names the value at fault and the fix.
    /// Without <c>format</c>, an <c>Accept</c> header asking for CSV or HTML chooses it.
    /// </summary>
    public static (ReportRequest? Request, IResult? Problem) Parse(string ns, string? environment, string? from,
        string? to, string? format, string accept)
    {
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
        {
            var missing = string.IsNullOrEmpty(from) ? "from" : "to";

            return (null, Problems.BadRequest($"{missing} is missing; a report covers a period, so send both "
                + "from and to as ISO 8601 times with an offset, for example "
                + "from=2026-10-01T00:00:00Z&to=2027-01-01T00:00:00Z (to is excluded)."));
        }

        var period = AuditQueryParser.Parse(from, to, null, null, null, "", 1, 1);
        if (period.Error is not null)
        {
            return (null, Problems.BadRequest(period.Error));
        }

        var kind = FormatOf(accept);
        if (!string.IsNullOrEmpty(format) && !FormatNames.TryGetValue(format, out kind))
        {
            return (null, Problems.BadRequest($"format '{format}' is not supported; send json, csv or html."));
        }

        return (new ReportRequest(ns, environment, period.From!.Value, period.To!.Value, kind), null);
    }

    private static ReportFormat FormatOf(string accept)
    {
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ReportFormat.Csv;
        }

        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) ? ReportFormat.Html : ReportFormat.Json;
    }

    /// <summary>Returns a download name such as <c>audit-report-shop-prod-20261001-20270101</c>.</summary>
    public string FileName(string extension) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"audit-report-{Namespace}-{Environment ?? "all"}-{From:yyyyMMdd}-{To:yyyyMMdd}.{extension}");
}
