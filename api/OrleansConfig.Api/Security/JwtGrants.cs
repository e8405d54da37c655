using System.Security.Claims;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Turns a validated JWT into a caller. Each value of the role claim is one grant written as
/// <c>role[:namespace[/environment]][;secrets=name,prefix-*]</c>, with the role <c>admin</c>,
/// <c>operator</c>, <c>viewer</c> or <c>auditor</c>. A viewer or operator grant with a secrets list reveals
/// only the secrets it names, as an API key grant with <c>secrets</c> does.
/// </summary>
public static class JwtGrants
{
    /// <summary>Returns the caller, or null when the token has no <c>sub</c> claim.</summary>
    public static CallerIdentity? ToCaller(ClaimsPrincipal principal, string roleClaim)
    {
        var subject = principal.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var name = principal.FindFirst("name")?.Value is { Length: > 0 } given ? given : subject;

        // NOTE: a value that is not a valid grant is skipped, so a typo in the identity provider
        // narrows the caller's access instead of failing every request.
        var grants = principal.FindAll(roleClaim)
            .Select(claim => TryParse(claim.Value, out var grant) ? grant : null)
            .OfType<Grant>()
            .ToArray();

        return new CallerIdentity(subject, name, CredentialKind.Jwt, grants);
    }

    public static bool TryParse(string value, out Grant? grant)
    {
        grant = null;
        IReadOnlyList<string>? secrets = null;
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            const string SecretsPrefix = "secrets=";
            var options = value[(semicolon + 1)..];
            if (!options.StartsWith(SecretsPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            secrets = options[SecretsPrefix.Length..].Split(',');
            value = value[..semicolon];
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var roleText = colon < 0 ? value : value[..colon];
        if (!TryParseRole(roleText, out var role))
        {
            return false;
        }

        if (colon < 0)
        {
            grant = new Grant(role, Secrets: secrets);
        }
        else
        {
            var scope = value[(colon + 1)..].Split('/');
            if (scope.Length > 2 || scope.Any(name => ConfigKeyRules.ValidateName(name, "scope") is not null))
            {
                return false;
            }

            grant = new Grant(role, scope[0], scope.Length == 2 ? scope[1] : null, secrets);
        }

        // The same rules as for API key grants: a secrets list only on viewers and operators, valid patterns.
        if (ApiKeyRules.ValidateGrant(grant) is not null)
        {
            grant = null;

            return false;
        }

        return true;
    }

    private static bool TryParseRole(string text, out Role role)
    {
        role = text switch
        {
            "admin" => Role.Admin,
            "auditor" => Role.Auditor,
            "operator" => Role.Operator,
            "viewer" => Role.Viewer,
            _ => 0,
        };

        return role != 0;
    }
}
