using OrleansConfig.Api.Security;

namespace OrleansConfig.Api.Identity;

/// <summary>The caller itself: <c>GET /v1/me</c> returns its id, name, credential kind and grants.</summary>
public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/me", GetMe).WithTags("Keys").RequireCaller();
    }

    private static IResult GetMe(HttpContext context)
    {
        var caller = Caller.Of(context);

        return TypedResults.Ok(new
        {
            id = caller.Id,
            name = caller.Name,
            kind = KeyResponses.CredentialName(caller.Kind),
            grants = caller.Grants.Select(KeyResponses.GrantBody).ToArray(),
        });
    }
}
