namespace OrleansConfig.Api.Http;

/// <summary>Who a request acts as, recorded as the author of the versions it writes.</summary>
public static class Actor
{
    // NOTE: requests are not authenticated yet, so every change is recorded as "anonymous".
    public static string Of(HttpContext context) => "anonymous";
}
