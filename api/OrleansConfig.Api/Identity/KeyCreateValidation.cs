using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>
/// Reads the kind, expiry and grants of a <c>POST /v1/keys</c> body. Names and the shape of the
/// result are checked afterwards by <see cref="ApiKeyRules.ValidateCreate"/>.
/// </summary>
public static class KeyCreateValidation
{
    public const string Example =
        """{"name": "deploy", "kind": "key", "grants": [{"role": "operator", "namespace": "shop"}]}""";

    public const string TokenExample = """{"name": "shop-web", "kind": "serviceToken", "namespace": "shop","""
        + """ "environment": "prod", "role": "viewer", "secrets": ["db-password"]}""";

    public static (ApiKeyKind Kind, IReadOnlyList<Grant> Grants, IResult? Problem) Read(
        KeyCreateBody body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);

        if (body.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return Fail($"expiresAt {expiresAt:O} is not in the future (now is {now:O}); "
                + "give a later time or omit it.");
        }

        return body.Kind switch
        {
            null or "key" => ReadKeyGrants(body),
            "serviceToken" => ReadTokenGrant(body),
            _ => Fail($"The kind '{body.Kind}' does not exist; use \"key\" or \"serviceToken\"."),
        };
    }

    private static (ApiKeyKind, IReadOnlyList<Grant>, IResult?) ReadKeyGrants(KeyCreateBody body)
    {
        if (body.Namespace is not null || body.Environment is not null || body.Role is not null
            || body.Secrets is not null)
        {
            return Fail("namespace, environment, role and secrets apply to service tokens; give a key its roles in "
                + $"'grants', for example {Example}.");
        }

        var grants = new List<Grant>();
        foreach (var entry in body.Grants ?? [])
        {
            if (entry is null)
            {
                return Fail($"'grants' contains null; give each grant a role, for example {Example}.");
            }

            if (!KeyResponses.TryParseRole(entry.Role, out var role))
            {
                return Fail($"The grant role '{entry.Role}' does not exist; use {KeyResponses.RoleNames}.");
            }

            var grant = new Grant(role, entry.Namespace, entry.Environment, entry.Secrets);
            if (ApiKeyRules.ValidateGrant(grant) is { } problem)
            {
                return Fail(problem);
            }

            grants.Add(grant);
        }

        return (ApiKeyKind.Key, grants, null);
    }

    private static (ApiKeyKind, IReadOnlyList<Grant>, IResult?) ReadTokenGrant(KeyCreateBody body)
    {
        if (body.Grants is { Count: > 0 })
        {
            return Fail("A service token takes namespace, environment and role instead of 'grants'; "
                + $"send for example {TokenExample}.");
        }

        if (body.Namespace is null || body.Environment is null)
        {
            return Fail($"A service token needs a namespace and an environment; send for example {TokenExample}.");
        }

        var nameProblem = ConfigKeyRules.ValidateName(body.Namespace, "namespace")
            ?? ConfigKeyRules.ValidateName(body.Environment, "environment");
        if (nameProblem is not null)
        {
            return Fail(nameProblem);
        }

        var role = Role.Viewer;
        if (body.Role is not null && !KeyResponses.TryParseRole(body.Role, out role))
        {
            return Fail($"The role '{body.Role}' does not exist; a service token is a viewer or an operator.");
        }

        if (role == Role.Admin)
        {
            return Fail("A service token cannot be an admin; use viewer or operator, or create a key of kind \"key\".");
        }

        var grant = new Grant(role, body.Namespace, body.Environment, body.Secrets);
        if (ApiKeyRules.ValidateGrant(grant) is { } problem)
        {
            return Fail(problem);
        }

        return (ApiKeyKind.ServiceToken, [grant], null);
    }

    private static (ApiKeyKind, IReadOnlyList<Grant>, IResult?) Fail(string detail) =>
        (ApiKeyKind.Key, [], Problems.BadRequest(detail));
}
