using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConfig.Audit;

namespace OrleansConfig.Api.Audit;

/// <summary>An audit record as the api returns it.</summary>
public sealed record AuditRecordBody(
    string Id,
    string Chain,
    long Seq,
    DateTimeOffset Time,
    string Actor,
    string? Credential,
    string Action,
    string? Namespace,
    string? Environment,
    string? Kind,
    string? Resource,
    int? VersionBefore,
    int? VersionAfter,
    JsonElement? Summary,
    string? RequestId,
    string? ClientAddress,
    long? Revision,
    string Hash);

public sealed record AuditPageBody(IReadOnlyList<AuditRecordBody> Records, string? Next);

/// <summary>Converts stored records to the api's JSON and CSV forms.</summary>
public static class AuditBodies
{
    public const string CsvHeader =
        "id,chain,seq,time,actor,credential,action,namespace,environment,kind,resource,versionBefore,versionAfter,"
        + "summary,requestId,clientAddress,revision,hash";

    public static AuditRecordBody Of(AuditEntry entry)
    {
        var r = entry.Record;

        return new AuditRecordBody(r.Id, entry.Chain, entry.Seq, r.Time, r.Actor, r.Credential, r.Action, r.Namespace,
            r.Environment, r.Kind, r.Resource, r.VersionBefore, r.VersionAfter,
            r.Summary is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Summary), r.RequestId, r.ClientAddress,
            r.Revision, Convert.ToHexStringLower(entry.Hash));
    }

    public static string CsvLine(AuditEntry entry)
    {
        var r = entry.Record;
        string?[] fields =
        [
            r.Id, entry.Chain, Number(entry.Seq), r.Time.ToString("O", CultureInfo.InvariantCulture), r.Actor,
            r.Credential, r.Action, r.Namespace, r.Environment, r.Kind, r.Resource, Number(r.VersionBefore),
            Number(r.VersionAfter), r.Summary, r.RequestId, r.ClientAddress, Number(r.Revision),
            Convert.ToHexStringLower(entry.Hash),
        ];

        return string.Join(',', fields.Select(Quote));
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Quotes a CSV field when needed (RFC 4180), and defuses text that spreadsheets run as a formula.
    /// </summary>
    internal static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return text;
        }

        var escaped = text.Replace("\"", "\"\"", StringComparison.Ordinal);

        return new StringBuilder("\"").Append(escaped).Append('"').ToString();
    }
}
