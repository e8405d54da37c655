using OrleansConfig.Audit;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// Puts the request id and the client address into Orleans' request context, from which grains copy
/// them into the audit records of the changes the request makes.
/// </summary>
public static class AuditContextMiddleware
{
    public static IApplicationBuilder UseAuditContext(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        RequestContext.Set(AuditContext.RequestIdKey, context.TraceIdentifier);
        if (context.Connection.RemoteIpAddress is { } address)
        {
            RequestContext.Set(AuditContext.ClientAddressKey, address.ToString());
        }

        return next(context);
    });
}
