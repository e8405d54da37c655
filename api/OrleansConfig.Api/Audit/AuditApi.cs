using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// <c>GET /v1/audit</c> (filtered, paged, or exported as NDJSON or CSV) and <c>POST /v1/audit/verify</c>.
/// Admins of a scope and auditors read it; every read and verification is itself audited, before it is
/// served, so a read that cannot be audited is refused.
/// </summary>
public static class AuditApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private const int ExportPage = 1000;

    private static readonly TimeSpan AccessRecordTimeout = TimeSpan.FromSeconds(5);

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit", Query).WithTags("Audit").RequireCaller();
        app.MapPost("/v1/audit/verify", Verify).WithTags("Audit").RequireCaller();
    }

    private static async Task<IResult> Query(HttpContext context, IGrainFactory grains, string? from, string? to,
        string? actor, string? @namespace, string? environment, string? resource, string? action, string? after,
        string? limit, string? format)
    {
        var (scope, problem) = CheckScope(context, @namespace, environment);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = AuditQueryParser.Parse(from, to, after, limit, format, context.Request.Headers.Accept.ToString(),
            DefaultLimit, MaxLimit);
        if (parsed.Error is not null)
        {
            return Problems.BadRequest(parsed.Error);
        }

        var query = new AuditQuery(parsed.From, parsed.To, Empty(actor), @namespace, environment, Empty(resource),
            Empty(action), parsed.After, parsed.Limit, Ascending: parsed.Format != AuditFormat.Json);
        await RecordAccess(context, grains, scope, AuditActions.AuditRead, context.Request.QueryString.Value);
        var reader = grains.GetGrain<IAuditQueryGrain>(0);
        if (parsed.Format == AuditFormat.Json)
        {
            var page = await reader.Query(query);

            return TypedResults.Ok(new AuditPageBody(page.Entries.Select(AuditBodies.Of).ToArray(),
                page.Next is null ? null : AuditQueryParser.FormatCursor(page.Next)));
        }

        return new AuditExport(reader, query with { Limit = ExportPage }, parsed.Format);
    }

    private static async Task<IResult> Verify(HttpContext context, IGrainFactory grains, string? @namespace)
    {
        var (scope, problem) = CheckScope(context, @namespace, null);
        if (problem is not null)
        {
            return problem;
        }

        await RecordAccess(context, grains, scope, AuditActions.AuditVerify, null);
        var result = await grains.GetGrain<IAuditChainGrain>(scope ?? AuditContext.GlobalChain).Verify();

        return TypedResults.Ok(new
        {
            chain = result.Chain,
            intact = result.Intact,
            records = result.Records,
            brokenAt = result.BrokenAt,
            problem = result.Problem,
            checkpoint = result.CheckpointSequence is long seq ? new { seq, signedAt = result.CheckpointTime } : null,
            summary = result.Intact
                ? $"intact up to record {result.Records}"
                : $"broken at record {result.BrokenAt}: {result.Problem}",
        });
    }

    /// <summary>Checks names and the caller's audit permission on the scope; returns the namespace, if any.</summary>
    private static (string? Namespace, IResult? Problem) CheckScope(HttpContext context, string? ns, string? env)
    {
        if (ns is null && env is not null)
        {
            return (null, Problems.BadRequest(
                $"environment '{env}' needs a namespace; send namespace=<name>&environment={env}."));
        }

        if (ns is not null && RouteNames.CheckScope(ns, env) is { } invalid)
        {
            return (null, invalid);
        }

        var caller = Caller.Of(context);
        if (!caller.Allows(Permission.Audit, ns, env))
        {
            var where = ns is null ? "all namespaces" : env is null ? $"namespace '{ns}'" : $"'{ns}/{env}'";

            return (null, Problems.Create(StatusCodes.Status403Forbidden,
                $"Reading the audit log of {where} needs the admin or auditor role there"
                + (ns is null ? "; a namespace admin can send namespace=<name>." : ".")));
        }

        return (ns, null);
    }

    /// <summary>
    /// Records a read of the audit log in the chain of <paramref name="ns"/> (or the global chain) before
    /// it is served; throws <see cref="AuditUnavailableException"/> when that cannot be done.
    /// </summary>
    internal static Task RecordAccess(HttpContext context, IGrainFactory grains, string? ns, string action,
        string? filter)
    {
        var record = AuditOutbox.Record(DateTimeOffset.UtcNow, Caller.Of(context).Actor, action, ns, null, "audit",
            ns ?? AuditContext.GlobalChain, AuditSummaries.Of(("query", filter)));

        return AuditOutbox.FlushAsync(grains, [record], AccessRecordTimeout);
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Streams every matching record, oldest first, as NDJSON or CSV.</summary>
    private sealed class AuditExport(IAuditQueryGrain reader, AuditQuery query, AuditFormat format) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = format == AuditFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
            response.Headers.ContentDisposition = format == AuditFormat.Csv
                ? "attachment; filename=audit.csv"
                : "attachment; filename=audit.ndjson";
            if (format == AuditFormat.Csv)
            {
                await response.WriteAsync(AuditBodies.CsvHeader + "\n", httpContext.RequestAborted);
            }

            var page = query;
            while (true)
            {
                var result = await reader.Query(page);
                var text = new StringBuilder();
                foreach (var entry in result.Entries)
                {
                    text.Append(format == AuditFormat.Csv
                        ? AuditBodies.CsvLine(entry)
                        : JsonSerializer.Serialize(AuditBodies.Of(entry), JsonSerializerOptions.Web)).Append('\n');
                }

                await response.WriteAsync(text.ToString(), httpContext.RequestAborted);
                if (result.Next is null)
                {
                    return;
                }

                page = page with { After = result.Next };
            }
        }
    }
}
