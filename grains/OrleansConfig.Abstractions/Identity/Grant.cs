namespace OrleansConfig.Identity;

/// <summary>
/// A role within a scope: every namespace (<see cref="Namespace"/> null), one namespace
/// (<see cref="Environment"/> null) or one environment of one namespace.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.grant")]
public sealed record Grant(
    [property: Id(0)] Role Role,
    [property: Id(1)] string? Namespace = null,
    [property: Id(2)] string? Environment = null)
{
    /// <summary>
    /// Returns true when this grant's scope contains the scope (<paramref name="ns"/>, <paramref name="env"/>).
    /// </summary>
    /// <remarks>A null <paramref name="ns"/> names the global scope, which only a global grant contains.</remarks>
    public bool Covers(string? ns, string? env)
    {
        if (Namespace is null)
        {
            return true;
        }

        if (ns is null || !string.Equals(Namespace, ns, StringComparison.Ordinal))
        {
            return false;
        }

        return Environment is null || (env is not null && string.Equals(Environment, env, StringComparison.Ordinal));
    }

    /// <summary>
    /// Returns true when the role includes <paramref name="permission"/> and the scope covers the target.
    /// </summary>
    public bool Allows(Permission permission, string? ns, string? env) => Includes(permission) && Covers(ns, env);

    private bool Includes(Permission permission) => (Role, permission) switch
    {
        (Role.Auditor, Permission.Read or Permission.Audit) => true,
        (Role.Auditor, _) => false,
        (Role.Admin, Permission.Audit) => true,
        (_, Permission.Audit) => false,
        _ => (int)Role >= (int)permission,
    };

    public override string ToString() => Namespace is null
        ? $"{Role} of all namespaces"
        : Environment is null ? $"{Role} of {Namespace}" : $"{Role} of {Namespace}/{Environment}";
}
