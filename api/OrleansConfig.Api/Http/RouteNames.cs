using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Http;

/// <summary>Checks the namespace, environment and key taken from a route.</summary>
public static class RouteNames
{
    public static IResult? CheckScope(string ns, string? env = null)
    {
        var problem = ConfigKeyRules.ValidateName(ns, "namespace")
            ?? (env is null ? null : ConfigKeyRules.ValidateName(env, "environment"));

        return problem is null ? null : Problems.BadRequest(problem);
    }

    /// <summary>
    /// Decodes a key from its route segment. A key holding '/' arrives as %2F, which routing leaves
    /// encoded; the grammar admits no '%', so decoding cannot change a valid key otherwise.
    /// </summary>
    public static (string Key, IResult? Problem) DecodeKey(string ns, string env, string rawKey)
    {
        var scope = CheckScope(ns, env);
        if (scope is not null)
        {
            return ("", scope);
        }

        var key = rawKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var problem = ConfigKeyRules.ValidateKey(key);

        return (key, problem is null ? null : Problems.BadRequest(problem));
    }
}
