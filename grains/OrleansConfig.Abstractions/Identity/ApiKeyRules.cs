using OrleansConfig.Configuration;

namespace OrleansConfig.Identity;

/// <summary>
/// The rules every key obeys, checked by the key grain and by the api before it calls the grain.
/// A key has a name of 1 to 100 characters, a 32-byte SHA-256 secret hash and at most one grant per
/// scope. A service token has exactly one grant, viewer or operator, on one environment.
/// </summary>
public static class ApiKeyRules
{
    public const int MaxNameLength = 100;

    public const int SecretHashLength = 32;

    /// <summary>Returns null when <paramref name="request"/> is valid, else a message naming the problem.</summary>
    public static string? ValidateCreate(ApiKeyCreate request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var problem = ValidateText(request.Name, "name", required: true)
            ?? ValidateText(request.Owner, "owner", required: false);
        if (problem is not null)
        {
            return problem;
        }

        if (request.SecretHash is not { Length: SecretHashLength })
        {
            var length = request.SecretHash?.Length ?? 0;

            return $"The secret hash has {length} bytes; a SHA-256 hash has {SecretHashLength}.";
        }

        foreach (var grant in request.Grants)
        {
            if (ValidateGrant(grant) is { } grantProblem)
            {
                return grantProblem;
            }
        }

        if (request.Grants.GroupBy(ScopeOf).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            return $"The key has {duplicate.Count()} grants on the scope {duplicate.Key}; give one role per scope.";
        }

        return request.Kind == ApiKeyKind.ServiceToken ? ValidateServiceTokenGrants(request.Grants) : null;
    }

    /// <summary>Returns null when <paramref name="grant"/> is valid, else a message naming the problem.</summary>
    public static string? ValidateGrant(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);

        if (!Enum.IsDefined(grant.Role))
        {
            return $"The role {(int)grant.Role} does not exist; use viewer, operator, admin or auditor.";
        }

        if (grant.Secrets is not null && grant.Role is not (Role.Viewer or Role.Operator))
        {
            return $"A {grant.Role.ToString().ToLowerInvariant()} grant cannot list secrets; 'secrets' applies to "
                + "viewer and operator grants (admins reveal every secret in their scope, auditors none).";
        }

        if (Secrets.SecretNameRules.ValidatePatterns(grant.Secrets) is { } secretsProblem)
        {
            return secretsProblem;
        }

        if (grant.Namespace is null)
        {
            return grant.Environment is null
                ? null
                : $"The grant names environment '{grant.Environment}' without a namespace; name its namespace too.";
        }

        return ConfigKeyRules.ValidateName(grant.Namespace, "namespace")
            ?? (grant.Environment is null ? null : ConfigKeyRules.ValidateName(grant.Environment, "environment"));
    }

    /// <summary>
    /// Returns true when <paramref name="grant"/> is on exactly the scope (<paramref name="ns"/>,
    /// <paramref name="env"/>), not merely on one that contains it.
    /// </summary>
    public static bool IsOnScope(Grant grant, string? ns, string? env) =>
        string.Equals(grant.Namespace, ns, StringComparison.Ordinal)
        && string.Equals(grant.Environment, env, StringComparison.Ordinal);

    /// <summary>Describes a scope for messages: "all namespaces", "namespace 'a'" or "'a/b'".</summary>
    public static string DescribeScope(string? ns, string? env)
    {
        if (ns is null)
        {
            return "all namespaces";
        }

        return env is null ? $"namespace '{ns}'" : $"'{ns}/{env}'";
    }

    private static string ScopeOf(Grant grant) => DescribeScope(grant.Namespace, grant.Environment);

    private static string? ValidateServiceTokenGrants(IReadOnlyList<Grant> grants)
    {
        if (grants.Count != 1 || grants[0].Namespace is null || grants[0].Environment is null)
        {
            return "A service token has exactly one grant on one environment of one namespace; "
                + "name the namespace and the environment.";
        }

        return grants[0].Role == Role.Admin
            ? "A service token cannot be an admin; use viewer or operator, or create a key for administration."
            : null;
    }

    private static string? ValidateText(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? $"The {field} is empty; give 1 to {MaxNameLength} characters." : null;
        }

        if (text.Length > MaxNameLength)
        {
            return $"The {field} is {text.Length} characters long; the maximum is {MaxNameLength}.";
        }

        return text.Any(char.IsControl)
            ? $"The {field} contains a control character; use printable characters only."
            : null;
    }
}
