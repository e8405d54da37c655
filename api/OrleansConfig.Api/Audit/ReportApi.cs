using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// <c>GET /v1/audit/reports/{ns}?from=…&amp;to=…&amp;environment=…&amp;format=json|csv|html</c>: a compliance
/// report of one namespace over a period. It needs the admin or auditor role on the whole namespace,
/// because it lists the namespace's keys and verifies its whole chain. The request is audited as
/// <c>audit.report</c> before the report is built, so a report that cannot be audited is refused.
/// </summary>
public static class ReportApi
{
    public static void MapAuditReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit/reports/{ns}", Report).WithTags("Audit").RequireCaller();
    }

    private static async Task<IResult> Report(string ns, HttpContext context, IGrainFactory grains, TimeProvider time,
        string? from, string? to, string? environment, string? format)
    {
        var env = string.IsNullOrEmpty(environment) ? null : environment;
        if (RouteNames.CheckScope(ns, env) is { } invalid)
        {
            return invalid;
        }

        var caller = Caller.Of(context);
        if (!caller.Allows(Permission.Audit, ns, null))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, $"A compliance report of namespace '{ns}' needs "
                + "the admin or auditor role on the whole namespace (a grant on one environment is not enough, "
                + "because the report lists the namespace's keys and verifies its audit chain); ask an admin for one.");
        }

        var accept = context.Request.Headers.Accept.ToString();
        var (request, problem) = ReportRequest.Parse(ns, env, from, to, format, accept);
        if (problem is not null)
        {
            return problem;
        }

        if (await CheckExistsAsync(grains, ns, env) is { } missing)
        {
            return missing;
        }

        await AuditApi.RecordAccess(context, grains, ns, AuditActions.AuditReport, context.Request.QueryString.Value);
        var report = await new ReportBuilder(grains).BuildAsync(request!, caller.Actor, time.GetUtcNow());
        if (report is null)
        {
            return Problems.BadRequest($"The period from '{from}' to '{to}' holds more than "
                + $"{ReportBuilder.MaxChanges:N0} changes or secret reveals; send a shorter period or one environment, "
                + "or export every record with GET /v1/audit?format=csv.");
        }

        return Render(context, request!, report);
    }

    private static async Task<IResult?> CheckExistsAsync(IGrainFactory grains, string ns, string? env)
    {
        var info = await grains.GetGrain<ICatalogGrain>(0).GetNamespace(ns);
        if (info is null)
        {
            return Problems.NotFound($"Namespace '{ns}' does not exist; list namespaces with GET /v1/namespaces.");
        }

        return env is null || info.Environments.Contains(env, StringComparer.Ordinal)
            ? null
            : Problems.NotFound($"Namespace '{ns}' has no environment '{env}'; list its environments with "
                + $"GET /v1/namespaces/{ns}/environments, or leave environment out to report on all of them.");
    }

    private static IResult Render(HttpContext context, ReportRequest request, ReportBody report)
    {
        var headers = context.Response.Headers;
        switch (request.Format)
        {
            case ReportFormat.Csv:
                headers.ContentDisposition = $"attachment; filename={request.FileName("csv")}";

                return TypedResults.Text(ReportCsvWriter.Write(report), "text/csv; charset=utf-8");
            case ReportFormat.Html:
                headers.ContentDisposition = $"inline; filename={request.FileName("html")}";
                headers.ContentSecurityPolicy = ReportHtmlWriter.ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";

                return TypedResults.Text(ReportHtmlWriter.Write(report), "text/html; charset=utf-8");
            default:
                return TypedResults.Ok(report);
        }
    }
}
