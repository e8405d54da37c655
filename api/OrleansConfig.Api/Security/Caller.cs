using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>Reads the caller that authentication stored on the request.</summary>
public static class Caller
{
    /// <summary>Returns the authenticated caller; endpoints that require a caller always have one.</summary>
    public static CallerIdentity Of(HttpContext context) =>
        context.Features.Get<CallerIdentity>()
        ?? throw new InvalidOperationException(
            "The request has no authenticated caller; the endpoint lacks an access rule.");

    public static void Set(HttpContext context, CallerIdentity caller) => context.Features.Set(caller);
}
