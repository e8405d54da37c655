using OrleansConfig.Identity;

namespace OrleansConfig.Api.Identity;

/// <summary>JSON shapes of keys, grants and roles in responses, and the parsing of role names.</summary>
public static class KeyResponses
{
    public const string RoleNames = "viewer, operator, admin or auditor";

    /// <summary>
    /// Describes a key without its secret or hash; <c>status</c> is active, expired or revoked at
    /// <paramref name="now"/>.
    /// </summary>
    public static Dictionary<string, object?> KeyBody(ApiKeyInfo info, DateTimeOffset now) => new()
    {
        ["id"] = info.Id,
        ["name"] = info.Name,
        ["owner"] = info.Owner,
        ["kind"] = KindName(info.Kind),
        ["status"] = StatusName(info, now),
        ["createdAt"] = info.CreatedAt,
        ["createdBy"] = info.CreatedBy,
        ["expiresAt"] = info.ExpiresAt,
        ["revokedAt"] = info.RevokedAt,
        ["revokedBy"] = info.RevokedBy,
        ["grants"] = info.Grants.Select(GrantBody).ToArray(),
    };

    /// <summary>Returns revoked, expired or active, checked in the order the key grain checks them.</summary>
    public static string StatusName(ApiKeyInfo info, DateTimeOffset now)
    {
        if (info.RevokedAt is not null)
        {
            return "revoked";
        }

        return info.ExpiresAt <= now ? "expired" : "active";
    }

    /// <summary>Describes a grant; <c>secrets</c> appears only on a grant that lists secrets.</summary>
    public static Dictionary<string, object?> GrantBody(Grant grant)
    {
        var body = new Dictionary<string, object?>
        {
            ["role"] = RoleName(grant.Role),
            ["namespace"] = grant.Namespace,
            ["environment"] = grant.Environment,
        };
        if (grant.Secrets is not null)
        {
            body["secrets"] = grant.Secrets;
        }

        return body;
    }

    public static string RoleName(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        Role.Auditor => "auditor",
        _ => role.ToString(),
    };

    public static string KindName(ApiKeyKind kind) => kind == ApiKeyKind.ServiceToken ? "serviceToken" : "key";

    public static string CredentialName(CredentialKind kind) => kind switch
    {
        CredentialKind.ApiKey => "apiKey",
        CredentialKind.ServiceToken => "serviceToken",
        CredentialKind.Jwt => "jwt",
        _ => kind.ToString(),
    };

    /// <summary>Parses a lowercase role name; returns false for anything else.</summary>
    public static bool TryParseRole(string? name, out Role role)
    {
        role = name switch
        {
            "viewer" => Role.Viewer,
            "operator" => Role.Operator,
            "admin" => Role.Admin,
            "auditor" => Role.Auditor,
            _ => 0,
        };

        return role != 0;
    }
}
