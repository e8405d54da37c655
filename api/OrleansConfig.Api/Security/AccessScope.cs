namespace OrleansConfig.Api.Security;

/// <summary>Which scope a <see cref="PermissionRequirement"/> checks, taken from the request's route values.</summary>
public enum AccessScope
{
    /// <summary>The namespace and environment the route names; no <c>ns</c> means the global scope.</summary>
    Route = 0,

    /// <summary>The route's namespace, ignoring any environment, for endpoints that act on the namespace.</summary>
    Namespace = 1,

    /// <summary>The global scope whatever the route names, for creating namespaces.</summary>
    Global = 2,

    /// <summary>
    /// The route's namespace or any environment in it: a grant on one environment is enough, and
    /// the endpoint shows only what the caller may read.
    /// </summary>
    WithinNamespace = 3,
}
