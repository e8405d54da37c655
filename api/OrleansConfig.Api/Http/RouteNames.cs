using Microsoft.AspNetCore.Http.Features;
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
    /// Decodes a key from the request target as the client sent it, exactly once. Routing decodes
    /// every escape but %2F, so decoding its value again would read <c>%252F</c> as '/'. The raw
    /// segment decoded once reads it as the text <c>%2F</c>, which the key grammar rejects.
    /// </summary>
    public static (string Key, IResult? Problem) DecodeKey(HttpContext context, string ns, string env, string routeKey)
    {
        var scope = CheckScope(ns, env);
        if (scope is not null)
        {
            return ("", scope);
        }

        var key = RawKeySegment(context) is { } raw
            ? Uri.UnescapeDataString(raw)
            : routeKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var problem = ConfigKeyRules.ValidateKey(key);

        return (key, problem is null ? null : Problems.BadRequest(problem));
    }

    /// <summary>
    /// Returns the key's segment of the raw target <c>/v1/namespaces/{ns}/environments/{env}/configs/{key}…</c>,
    /// or null when the server keeps no raw target or the target is not in that form.
    /// </summary>
    private static string? RawKeySegment(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }

        var segments = target.Split('?', 2)[0].Split('/');

        return segments.Length > 7 && segments[6] == "configs" ? segments[7] : null;
    }
}
