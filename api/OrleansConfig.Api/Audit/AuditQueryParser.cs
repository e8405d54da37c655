using System.Globalization;
using OrleansConfig.Audit;

namespace OrleansConfig.Api.Audit;

public enum AuditFormat
{
    Json,
    Ndjson,
    Csv,
}

/// <summary>Reads the query parameters of <c>GET /v1/audit</c>, naming the value at fault in every error.</summary>
public static class AuditQueryParser
{
    public sealed record Parsed(DateTimeOffset? From, DateTimeOffset? To, AuditCursor? After, int Limit,
        AuditFormat Format, string? Error);

    public static Parsed Parse(string? from, string? to, string? after, string? limit, string? format, string accept,
        int defaultLimit, int maxLimit)
    {
        Parsed Fail(string error) => new(null, null, null, 0, AuditFormat.Json, error);

        if (!TryTime(from, out var fromTime))
        {
            return Fail($"from '{from}' is not a time; send ISO 8601 with an offset, "
                + "for example 2026-12-01T00:00:00Z.");
        }

        if (!TryTime(to, out var toTime))
        {
            return Fail($"to '{to}' is not a time; send ISO 8601 with an offset, for example 2026-12-31T00:00:00Z.");
        }

        if (fromTime is not null && toTime is not null && toTime <= fromTime)
        {
            return Fail($"to '{to}' is not after from '{from}'; send a range whose end is later than its start.");
        }

        AuditCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !TryCursor(after, out cursor))
        {
            return Fail($"after '{after}' is not a cursor; send the value of next from the previous page.");
        }

        var count = defaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count)
                || count < 1 || count > maxLimit))
        {
            return Fail($"limit '{limit}' is not between 1 and {maxLimit}; send a smaller page size, or use "
                + "format=ndjson or format=csv to export every record.");
        }

        AuditFormat kind;
        switch (format?.ToLowerInvariant())
        {
            case null or "":
                kind = accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? AuditFormat.Csv
                    : accept.Contains("ndjson", StringComparison.OrdinalIgnoreCase) ? AuditFormat.Ndjson
                    : AuditFormat.Json;
                break;
            case "json":
                kind = AuditFormat.Json;
                break;
            case "ndjson":
                kind = AuditFormat.Ndjson;
                break;
            case "csv":
                kind = AuditFormat.Csv;
                break;
            default:
                return Fail($"format '{format}' is not supported; send json, ndjson or csv.");
        }

        return new Parsed(fromTime, toTime, cursor, count, kind, null);
    }

    public static string FormatCursor(AuditCursor cursor) => string.Create(CultureInfo.InvariantCulture,
        $"{cursor.Time.UtcTicks}.{cursor.Position}");

    private static bool TryCursor(string text, out AuditCursor? cursor)
    {
        cursor = null;
        var dot = text.IndexOf('.');
        if (dot <= 0
            || !long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), position);

        return true;
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();

            return true;
        }

        return false;
    }
}
