using Microsoft.Extensions.Primitives;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags.Ofrep;

/// <summary>
/// The namespace and environment an OFREP request evaluates in. A credential whose read grants cover
/// exactly one environment (a service token, typically) selects it; any other names it in the headers
/// <c>X-Namespace</c> and <c>X-Environment</c>. A header overrides the credential's choice, and the
/// caller needs the read permission on the result.
/// </summary>
internal readonly record struct OfrepScope(string Namespace, string Environment)
{
    public const string NamespaceHeader = "X-Namespace";
    public const string EnvironmentHeader = "X-Environment";

    /// <summary>
    /// Resolves the scope of a request, or returns the status (400 or 403) and a message naming the fix.
    /// </summary>
    public static (OfrepScope Scope, int Status, string? Problem) Resolve(HttpContext context)
    {
        var caller = Caller.Of(context);
        var (ns, nsProblem) = ReadHeader(context.Request, NamespaceHeader);
        var (env, envProblem) = ReadHeader(context.Request, EnvironmentHeader);
        if ((nsProblem ?? envProblem) is { } headerProblem)
        {
            return (default, StatusCodes.Status400BadRequest, headerProblem);
        }

        var readable = caller.Grants.Where(grant => grant.Allows(Permission.Read, grant.Namespace, grant.Environment))
            .ToArray();
        if (readable.Length == 0)
        {
            return (default, StatusCodes.Status403Forbidden,
                "The credential has no grant that reads flags; ask an admin for a viewer grant on the environment.");
        }

        if (SingleEnvironment(readable) is { } only)
        {
            ns ??= only.Namespace;
            env ??= only.Environment;
        }

        if (ns is null || env is null)
        {
            return (default, StatusCodes.Status400BadRequest, Missing(ns is null, env is null));
        }

        if (ConfigKeyRules.ValidateName(ns, "namespace") is { } badNamespace)
        {
            return (default, StatusCodes.Status400BadRequest,
                $"{badNamespace} Send a valid name in {NamespaceHeader}.");
        }

        if (ConfigKeyRules.ValidateName(env, "environment") is { } badEnvironment)
        {
            return (default, StatusCodes.Status400BadRequest,
                $"{badEnvironment} Send a valid name in {EnvironmentHeader}.");
        }

        return caller.Allows(Permission.Read, ns, env)
            ? (new OfrepScope(ns, env), StatusCodes.Status200OK, null)
            : (default, StatusCodes.Status403Forbidden,
                $"The credential may not read the flags of '{ns}/{env}'; ask an admin of that environment for a "
                + "viewer grant, or name an environment the credential covers.");
    }

    /// <summary>The one environment that all of the read grants name, or null when they cover more.</summary>
    private static Grant? SingleEnvironment(Grant[] readable)
    {
        var first = readable[0];
        if (first.Environment is null)
        {
            return null;
        }

        return readable.All(grant => grant.Namespace == first.Namespace && grant.Environment == first.Environment)
            ? first
            : null;
    }

    private static string Missing(bool noNamespace, bool noEnvironment)
    {
        var headers = (noNamespace, noEnvironment) switch
        {
            (true, true) => $"{NamespaceHeader} and {EnvironmentHeader}",
            (true, false) => NamespaceHeader,
            _ => EnvironmentHeader,
        };

        return $"The credential can read more than one environment, so the request must name the one to evaluate "
            + $"in; send the header{(noNamespace && noEnvironment ? "s" : "")} {headers}, or use a service token "
            + "of that environment.";
    }

    private static (string? Value, string? Problem) ReadHeader(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        if (StringValues.IsNullOrEmpty(values))
        {
            return (null, null);
        }

        if (values.Count > 1 || values[0]!.Contains(',', StringComparison.Ordinal))
        {
            return (null, $"The header {name} is sent more than once ('{values}'); send it once, with one name.");
        }

        var value = values[0]!.Trim();

        return value.Length == 0 ? (null, null) : (value, null);
    }
}
