using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>
/// API keys and service tokens: <c>/v1/keys</c>. Every endpoint needs a caller and checks its
/// scopes itself. The full key is returned once, by the POST that creates it.
/// </summary>
public static class KeysApi
{
    /// <summary>How many times a create retries with a new id when the random id is taken.</summary>
    private const int MaxIdAttempts = 3;

    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/keys").WithTags("Keys").RequireCaller();
        group.MapPost("/", CreateKey);
        group.MapGet("/", ListKeys);
        group.MapGet("/{id}", GetKey);
        group.MapDelete("/{id}", RevokeKey);
    }

    private static async Task<IResult> CreateKey(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var (body, bodyProblem) = await JsonBody.ReadAsync<KeyCreateBody>(context.Request, KeyCreateValidation.Example);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var now = time.GetUtcNow();
        var (kind, grants, problem) = KeyCreateValidation.Read(body!, now);
        if (problem is not null)
        {
            return problem;
        }

        var caller = Caller.Of(context);
        if (CheckMayGive(caller, grants) is { } forbidden)
        {
            return forbidden;
        }

        return await CreateWithNewIdAsync(grains, caller, body!, kind, grants, now);
    }

    /// <summary>Creates the key under a fresh random id, retrying in the unlikely case that the id is taken.</summary>
    private static async Task<IResult> CreateWithNewIdAsync(IGrainFactory grains, CallerIdentity caller,
        KeyCreateBody body, ApiKeyKind kind, IReadOnlyList<Grant> grants, DateTimeOffset now)
    {
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var (id, secret, key) = ApiKeyFormat.Generate();
            var request = new ApiKeyCreate(body.Name ?? "", body.Owner ?? caller.Name, kind, body.ExpiresAt,
                ApiKeyFormat.Hash(secret), grants, caller.Actor, KeyAccess.CreatorIdOf(caller));
            if (ApiKeyRules.ValidateCreate(request) is { } invalid)
            {
                return Problems.BadRequest(invalid);
            }

            var created = await grains.GetGrain<IApiKeyDirectoryGrain>(0).CreateKey(id, request);
            if (created is not null)
            {
                var response = KeyResponses.KeyBody(created, now);
                response["key"] = key;

                return TypedResults.Created($"/v1/keys/{id}", response);
            }
        }

        throw new InvalidOperationException(
            $"{MaxIdAttempts} random key ids in a row were taken; the random number source is broken.");
    }

    private static async Task<IResult> ListKeys(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var caller = Caller.Of(context);
        var ids = await grains.GetGrain<IApiKeyDirectoryGrain>(0).ListKeyIds();

        // NOTE: this reads every key grain on each request; it suits hundreds of keys, not millions.
        var keys = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).GetInfo()));
        var now = time.GetUtcNow();
        var visible = keys
            .OfType<ApiKeyInfo>()
            .Where(key => KeyAccess.CanSee(caller, key))
            .OrderBy(key => key.CreatedAt)
            .Select(key => KeyResponses.KeyBody(key, now));

        return TypedResults.Ok(new { keys = visible.ToArray() });
    }

    private static async Task<IResult> GetKey(string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var caller = Caller.Of(context);
        var key = await FindVisibleAsync(grains, caller, id);

        return key is null ? KeyNotFound(id) : TypedResults.Ok(KeyResponses.KeyBody(key, time.GetUtcNow()));
    }

    private static async Task<IResult> RevokeKey(
        string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var caller = Caller.Of(context);
        var key = await FindVisibleAsync(grains, caller, id);
        if (key is null)
        {
            return KeyNotFound(id);
        }

        if (!KeyAccess.CanRevoke(caller, key))
        {
            return KeyAccess.Forbidden($"Revoking key {id} needs its creator or an admin of every scope it has a grant "
                + $"on ({string.Join("; ", key.Grants)}); ask a global admin.");
        }

        var revoked = await grains.GetGrain<IApiKeyGrain>(id).Revoke(caller.Actor);

        return revoked is null ? KeyNotFound(id) : TypedResults.Ok(KeyResponses.KeyBody(revoked, time.GetUtcNow()));
    }

    /// <summary>Returns a 403 naming the first grant outside the scopes the caller administers.</summary>
    private static IResult? CheckMayGive(CallerIdentity caller, IReadOnlyList<Grant> grants)
    {
        if (!KeyAccess.AdministersAnyScope(caller))
        {
            return KeyAccess.Forbidden("Creating keys needs the admin role on some scope; ask an admin for a key.");
        }

        var outside = grants.FirstOrDefault(g => !caller.Allows(Permission.ManageAccess, g.Namespace, g.Environment));

        return outside is null
            ? null
            : KeyAccess.Forbidden($"The grant {outside} is outside the scopes you administer; give grants only "
                + "within them, or ask an admin of that scope.");
    }

    /// <summary>Returns the key, or null when it does not exist or the caller may not see it.</summary>
    private static async Task<ApiKeyInfo?> FindVisibleAsync(IGrainFactory grains, CallerIdentity caller, string id)
    {
        if (!ApiKeyFormat.IsId(id))
        {
            return null;
        }

        var key = await grains.GetGrain<IApiKeyGrain>(id).GetInfo();

        return key is not null && KeyAccess.CanSee(caller, key) ? key : null;
    }

    private static IResult KeyNotFound(string id) => ApiKeyFormat.IsId(id)
        ? Problems.NotFound($"No key with id '{id}' exists that you may see; list yours with GET /v1/keys.")
        : Problems.NotFound($"No key has the id '{id}'; a key id is the 16 characters after 'oc_' in the key "
            + "(lowercase letters a-z and digits 2-7).");
}
