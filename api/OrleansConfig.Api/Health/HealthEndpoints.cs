using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansConfig.Api.Health;

/// <summary>
/// <c>/health/live</c> (the process serves HTTP) and <c>/health/ready</c> (the cluster and the
/// database respond).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddOrleansConfigHealth(this IServiceCollection services, bool withPostgres)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"])
            .AddCheck<Audit.AuditBacklogHealthCheck>("audit", tags: ["ready"]);
        if (withPostgres)
        {
            checks.AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        }

        return services;
    }

    public static void MapOrleansConfigHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };

        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
