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

        var key = RawSegment(context, 6, "configs") is { } raw
            ? Uri.UnescapeDataString(raw)
            : routeKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var problem = ConfigKeyRules.ValidateKey(key);

        return (key, problem is null ? null : Problems.BadRequest(problem));
    }

    /// <summary>
    /// Decodes the key pattern of <c>/v1/namespaces/{ns}/schemas/{key}</c> exactly once, as
    /// <see cref="DecodeKey"/> does, and checks it: a key, or a prefix ending in <c>*</c>.
    /// </summary>
    public static (string Key, IResult? Problem) DecodeSchemaKey(HttpContext context, string ns, string routeKey)
    {
        var scope = CheckScope(ns);
        if (scope is not null)
        {
            return ("", scope);
        }

        var key = RawSegment(context, 4, "schemas") is { } raw
            ? Uri.UnescapeDataString(raw)
            : routeKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var problem = OrleansConfig.Schemas.SchemaPatterns.Validate(key);

        return (key, problem is null ? null : Problems.BadRequest(problem));
    }

    /// <summary>
    /// Returns the segment after the segment <paramref name="marker"/> at <paramref name="index"/> of the raw
    /// target (such as <c>/v1/namespaces/{ns}/environments/{env}/configs/{key}…</c>), or null when the server
    /// keeps no raw target or the target is not in that form.
    /// </summary>
    private static string? RawSegment(HttpContext context, int index, string marker)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }

        var segments = target.Split('?', 2)[0].Split('/');

        return segments.Length > index + 1 && segments[index] == marker ? segments[index + 1] : null;
    }
}
