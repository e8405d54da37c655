using OrleansConfig.Api.Identity;
using OrleansConfig.Identity;

namespace OrleansConfig.Tests.Identity;

/// <summary>Builds key creation requests with fresh random ids and secrets.</summary>
public static class TestKeys
{
    public sealed record NewKey(string Id, string Secret, string Key, ApiKeyCreate Request)
    {
        public byte[] Hash => ApiKeyFormat.Hash(Secret);
    }

    public static NewKey Key(params Grant[] grants) => Create(ApiKeyKind.Key, null, grants);

    public static NewKey Token(Role role, string ns, string env) =>
        Create(ApiKeyKind.ServiceToken, null, [new Grant(role, ns, env)]);

    public static NewKey GlobalAdmin() => Key(new Grant(Role.Admin));

    public static NewKey Create(ApiKeyKind kind, DateTimeOffset? expiresAt, IReadOnlyList<Grant> grants)
    {
        var (id, secret, key) = ApiKeyFormat.Generate();
        var request = new ApiKeyCreate("test key", "tests", kind, expiresAt, ApiKeyFormat.Hash(secret), grants,
            "test", "ApiKey:creator");

        return new NewKey(id, secret, key, request);
    }
}
