using System.Globalization;
using System.Text;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// Writes a report as CSV (RFC 4180): one row per item, the first column naming its section. Sections
/// are <c>report</c>, <c>change</c>, <c>changes-by-actor</c>, <c>secret-reveal</c>, <c>identity</c>
/// (one row per grant), <c>chain</c> and <c>notice</c>, whose <c>detail</c> starts with the section it
/// explains. Columns a section does not use stay empty.
/// </summary>
public static class ReportCsvWriter
{
    public const string Header = "section,time,actor,action,environment,key,version_before,version_after,revision,"
        + "count,identity_id,name,kind,status,role,scope,created_at,revoked_at,detail";

    public static string Write(ReportBody report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var csv = new StringBuilder(Header).Append('\n');
        WriteRow(csv, new Row("report")
        {
            Time = report.GeneratedAt,
            Actor = report.GeneratedBy,
            Environment = report.Environment ?? "*",
            Scope = report.Namespace,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"namespace {report.Namespace}, from {report.From:O} to {report.To:O} (excluded)"),
        });
        foreach (var change in report.Changes.Items)
        {
            WriteRow(csv, new Row("change")
            {
                Time = change.Time, Actor = change.Actor, Action = change.Action, Environment = change.Environment,
                Key = change.Key, VersionBefore = change.VersionBefore, VersionAfter = change.VersionAfter,
                Revision = change.Revision, Detail = change.RecordId,
            });
        }

        foreach (var actor in report.Changes.ByActor)
        {
            WriteRow(csv, new Row("changes-by-actor") { Actor = actor.Actor, Count = actor.Changes });
        }

        WriteSecretReveals(csv, report.SecretReveals);
        WriteIdentities(csv, report.Identities);
        var chain = report.Chain;
        WriteRow(csv, new Row("chain")
        {
            Status = chain.Intact ? "intact" : "broken", Count = chain.Records, Scope = chain.Chain,
            Detail = chain.Summary,
        });
        WriteRow(csv, new Row("notice") { Detail = "stale-items: " + report.StaleItems.Note });

        return csv.ToString();
    }

    private static void WriteSecretReveals(StringBuilder csv, ReportSecretRevealsBody reveals)
    {
        foreach (var reveal in reveals.Items)
        {
            WriteRow(csv, new Row("secret-reveal")
            {
                Time = reveal.Time, Actor = reveal.Actor, Environment = reveal.Environment, Key = reveal.Secret,
                Detail = reveal.RecordId,
            });
        }

        if (reveals.Note is not null)
        {
            WriteRow(csv, new Row("notice") { Detail = "secret-reveal: " + reveals.Note });
        }
    }

    private static void WriteIdentities(StringBuilder csv, ReportIdentitiesBody identities)
    {
        foreach (var identity in identities.Items)
        {
            foreach (var grant in identity.Grants)
            {
                WriteRow(csv, new Row("identity")
                {
                    IdentityId = identity.Id, Name = identity.Name, Kind = identity.Kind, Status = identity.Status,
                    Role = grant.Role, Scope = ReportScopes.Describe(grant), CreatedAt = identity.CreatedAt,
                    RevokedAt = identity.RevokedAt,
                });
            }
        }

        WriteRow(csv, new Row("notice") { Detail = "identity: " + identities.Note });
    }

    private static void WriteRow(StringBuilder csv, Row row)
    {
        string?[] fields =
        [
            row.Section, Time(row.Time), row.Actor, row.Action, row.Environment, row.Key, Number(row.VersionBefore),
            Number(row.VersionAfter), Number(row.Revision), Number(row.Count), row.IdentityId, row.Name, row.Kind,
            row.Status, row.Role, row.Scope, Time(row.CreatedAt), Time(row.RevokedAt), row.Detail,
        ];
        csv.AppendJoin(',', fields.Select(AuditBodies.Quote)).Append('\n');
    }

    private static string? Time(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>One CSV row; each section fills the columns it uses.</summary>
    private sealed record Row(string Section)
    {
        public DateTimeOffset? Time { get; init; }
        public string? Actor { get; init; }
        public string? Action { get; init; }
        public string? Environment { get; init; }
        public string? Key { get; init; }
        public int? VersionBefore { get; init; }
        public int? VersionAfter { get; init; }
        public long? Revision { get; init; }
        public long? Count { get; init; }
        public string? IdentityId { get; init; }
        public string? Name { get; init; }
        public string? Kind { get; init; }
        public string? Status { get; init; }
        public string? Role { get; init; }
        public string? Scope { get; init; }
        public DateTimeOffset? CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public string? Detail { get; init; }
    }
}
