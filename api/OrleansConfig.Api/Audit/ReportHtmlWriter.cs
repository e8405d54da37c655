using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// Writes a report as one self-contained HTML page for reading and printing: inline CSS with print
/// rules, no scripts and nothing loaded from elsewhere. Every value from the report is HTML-encoded,
/// because actors, key names and resources are text that callers chose.
/// </summary>
public static class ReportHtmlWriter
{
    /// <summary>
    /// Sent with the page, so that a browser runs no script and loads nothing, even past an encoding bug.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'";

    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24;
          margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
        h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
        .meta { color: #57606a; margin: 0 0 1rem; }
        .summary { display: flex; gap: .75rem; flex-wrap: wrap; }
        .figure { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
        .figure b { display: block; font-size: 1.3rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e5e8eb; vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        td.time { white-space: nowrap; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
          overflow-wrap: anywhere; }
        .note { color: #57606a; }
        .intact { color: #1a7f37; }
        .broken { color: #cf222e; }
        footer { margin-top: 2rem; color: #57606a; font-size: .9em; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
          h2 { break-after: avoid; }
          tr, .figure { break-inside: avoid; }
          thead { display: table-header-group; }
          th { background: none; border-bottom: 1px solid #000; }
          .intact, .broken { color: #000; }
        }
        """;

    public static string Write(ReportBody report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var html = new StringBuilder(16_384);
        var environment = report.Environment is null ? "all environments" : $"environment {report.Environment}";
        var title = $"Compliance report: {report.Namespace}, {environment}, {Day(report.From)} to {Day(report.To)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(title))
            .Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        WriteHeader(html, report, environment);
        WriteChanges(html, report.Changes);
        WriteSecretReveals(html, report.SecretReveals);
        WriteIdentities(html, report.Identities);
        WriteChain(html, report.Chain);
        html.Append("<section>\n<h2>5. Stale flags and secrets overdue for rotation</h2>\n");
        Paragraph(html, "note", report.StaleItems.Note);
        html.Append("</section>\n<footer>Times are UTC. Sections 1, 2 and 4 come from the audit log, section 3 ")
            .Append("from the key store, both read when the report was generated.</footer>\n</body>\n</html>\n");

        return html.ToString();
    }

    private static void WriteHeader(StringBuilder html, ReportBody report, string environment)
    {
        html.Append("<header>\n<h1>Compliance report: namespace ").Append(Encode(report.Namespace)).Append("</h1>\n");
        Paragraph(html, "meta", $"{Capitalize(environment)}. Period from {Time(report.From)} to {Time(report.To)} "
            + $"(the end excluded). Generated {Time(report.GeneratedAt)} by {report.GeneratedBy}.");
        var chain = report.Chain.Intact ? "intact" : "broken";
        html.Append("<div class=\"summary\">\n");
        Figure(html, report.Changes.Total.ToString(CultureInfo.InvariantCulture), "configuration changes", null);
        Figure(html, report.Changes.ByActor.Count.ToString(CultureInfo.InvariantCulture), "actors", null);
        Figure(html, report.SecretReveals.Total.ToString(CultureInfo.InvariantCulture), "secret reveals", null);
        Figure(html, report.Identities.Items.Count.ToString(CultureInfo.InvariantCulture), "identities with access",
            null);
        Figure(html, chain, string.Create(CultureInfo.InvariantCulture, $"audit chain, {report.Chain.Records} records"),
            chain);
        html.Append("</div>\n</header>\n");
    }

    private static void WriteChanges(StringBuilder html, ReportChangesBody changes)
    {
        const string none = "No configuration changes in this period.";
        html.Append("<section>\n<h2>1. Configuration changes</h2>\n<h3>Changes per actor</h3>\n");
        Table(html, ["Actor", "Changes"], changes.ByActor.Select(a => new[] { Cell(a.Actor), Number(a.Changes) }),
            none);
        html.Append("<h3>All changes, oldest first</h3>\n");
        Table(html, ["Time", "Actor", "Action", "Environment", "Key", "Version", "Revision"], changes.Items.Select(c =>
            new[]
            {
                Cell(Time(c.Time), "time"), Cell(c.Actor), Cell(c.Action), Cell(c.Environment), Cell(c.Key, "mono"),
                Cell(Versions(c.VersionBefore, c.VersionAfter)), Number(c.Revision),
            }), none);
        html.Append("</section>\n");
    }

    private static void WriteSecretReveals(StringBuilder html, ReportSecretRevealsBody reveals)
    {
        html.Append("<section>\n<h2>2. Secret reveals</h2>\n");
        Table(html, ["Time", "Actor", "Environment", "Secret"], reveals.Items.Select(r => new[]
        {
            Cell(Time(r.Time), "time"), Cell(r.Actor), Cell(r.Environment), Cell(r.Secret, "mono"),
        }), "No secret reveals in this period.");
        if (reveals.Note is not null)
        {
            Paragraph(html, "note", reveals.Note);
        }

        html.Append("</section>\n");
    }

    private static void WriteIdentities(StringBuilder html, ReportIdentitiesBody identities)
    {
        html.Append("<section>\n<h2>3. Identities and grants</h2>\n");
        Paragraph(html, "note", identities.Note);
        Table(html, ["Name", "Id", "Kind", "Status", "Grants", "Created", "Revoked"], identities.Items.Select(i => new[]
        {
            Cell(i.Name), Cell(i.Id, "mono"), Cell(i.Kind), Cell(i.Status),
            Cell(string.Join("; ", i.Grants.Select(g => $"{g.Role} of {GrantScope(g)}"))),
            Cell($"{Time(i.CreatedAt)} by {i.CreatedBy}"),
            Cell(i.RevokedAt is { } revoked ? $"{Time(revoked)} by {i.RevokedBy}" : null),
        }), "No key has a grant on this scope.");
        html.Append("</section>\n");
    }

    private static void WriteChain(StringBuilder html, ReportChainBody chain)
    {
        html.Append("<section>\n<h2>4. Audit chain verification</h2>\n");
        var checkpoint = chain.CheckpointSequence is long seq
            ? string.Create(CultureInfo.InvariantCulture, $"record {seq}, signed {Time(chain.CheckpointTime)}")
            : "none yet";
        Table(html, ["Chain", "Result", "Records checked", "Latest signed checkpoint"],
        [
            [
                Cell(chain.Chain, "mono"), Cell(chain.Summary, chain.Intact ? "intact" : "broken"),
                Number(chain.Records), Cell(checkpoint),
            ],
        ], "");
        html.Append("</section>\n");
    }

    private static string GrantScope(ReportGrantBody grant) =>
        grant.Namespace is null ? "all namespaces" : ReportScopes.Describe(grant);

    /// <summary>Writes a table of encoded cells; an empty one shows <paramref name="empty"/> in its only row.</summary>
    private static void Table(StringBuilder html, string[] headings, IEnumerable<string[]> rows, string empty)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th>").Append(Encode(heading)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var count = 0;
        foreach (var row in rows)
        {
            html.Append("<tr>").AppendJoin("", row).Append("</tr>\n");
            count++;
        }

        if (count == 0)
        {
            html.Append("<tr><td class=\"note\" colspan=\"").Append(headings.Length).Append("\">").Append(Encode(empty))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Figure(StringBuilder html, string value, string label, string? style)
    {
        html.Append("<div class=\"figure\"><b").Append(style is null ? "" : $" class=\"{style}\"").Append('>')
            .Append(Encode(value)).Append("</b>").Append(Encode(label)).Append("</div>\n");
    }

    private static void Paragraph(StringBuilder html, string style, string text) =>
        html.Append("<p class=\"").Append(style).Append("\">").Append(Encode(text)).Append("</p>\n");

    private static string Cell(string? text, string? style = null) => style is null
        ? $"<td>{Encode(text)}</td>"
        : $"<td class=\"{style}\">{Encode(text)}</td>";

    private static string Number(long? value) =>
        $"<td class=\"number\">{value?.ToString("N0", CultureInfo.InvariantCulture)}</td>";

    private static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    private static string Versions(int? before, int? after) => (before, after) switch
    {
        (null, null) => "",
        (null, int created) => created.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{before} → {after}"),
    };

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
