using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>Checks the names of flag routes and finds the flag grain they address.</summary>
public static class FlagRoutes
{
    /// <summary>
    /// Keys that <c>GET …/flags/import</c> and <c>…/flags/export</c> would shadow, compared ignoring
    /// case because routing matches these segments ignoring case.
    /// </summary>
    public static IReadOnlyList<string> ReservedKeys { get; } = ["import", "export"];

    public static string FlagsPath(string ns, string env) => $"/v1/namespaces/{ns}/environments/{env}/flags";

    public static string FlagPath(string ns, string env, string key) => $"{FlagsPath(ns, env)}/{key}";

    /// <summary>Returns null when the namespace, environment and flag key are valid, else a 400.</summary>
    public static IResult? Check(string ns, string env, string key) =>
        RouteNames.CheckScope(ns, env) ?? (ValidateKey(key) is { } problem ? Problems.BadRequest(problem) : null);

    /// <summary>
    /// Reads the preconditions of a write and checks its route and optional comment; the problem is a 400
    /// naming the first invalid one.
    /// </summary>
    public static (WriteConditions Conditions, IResult? Problem) CheckWrite(
        HttpContext context, string ns, string env, string key, string? comment = null)
    {
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        var problem = Check(ns, env, key)
            ?? (conditionError is null ? null : Problems.BadRequest(conditionError))
            ?? (comment is { Length: > 1024 }
                ? Problems.BadRequest($"comment is {comment.Length} characters long; the maximum is 1024.")
                : null);

        return (conditions, problem);
    }

    /// <summary>Returns null for a valid flag key, else a message naming the problem and the fix.</summary>
    public static string? ValidateKey(string key)
    {
        // The router leaves an encoded slash encoded, so "a%2Fb" arrives as written.
        var slash = key.IndexOf("%2F", StringComparison.OrdinalIgnoreCase);
        if (slash >= 0)
        {
            return $"The flag key contains '/' (sent as %2F) at position {slash + 1}; a flag key may contain "
                + "only ASCII letters, digits and . _ -.";
        }

        return FlagKeyRules.ValidateKey(key) ?? (ReservedKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
            ? $"The flag key '{key}' is reserved, because …/flags/{key.ToLowerInvariant()} is the path of "
                + "the whole environment's flags; choose another key."
            : null);
    }

    public static IFlagGrain Grain(IGrainFactory grains, string ns, string env, string key) =>
        grains.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, env, key));

    /// <summary>Returns a 404 naming the missing namespace, environment or flag.</summary>
    public static async Task<IResult> NotFound(IGrainFactory grains, string ns, string env, string key)
    {
        var environment = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetInfo();

        return environment is null
            ? await NamespacesApi.MissingScope(grains, ns, env)
            : Problems.NotFound($"The flag '{key}' does not exist in {ns}/{env}; create it with "
                + $"PUT {FlagPath(ns, env, key)}.");
    }
}
