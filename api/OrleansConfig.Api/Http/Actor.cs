using OrleansConfig.Api.Security;

namespace OrleansConfig.Api.Http;

/// <summary>Who a request acts as, recorded as the author of the versions it writes.</summary>
public static class Actor
{
    /// <summary>
    /// Returns the caller's name with its key id or token subject, for example "deploy-bot (key abcd…)".
    /// </summary>
    public static string Of(HttpContext context) => Caller.Of(context).Actor;
}
