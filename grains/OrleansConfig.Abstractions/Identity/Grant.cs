using OrleansConfig.Secrets;

namespace OrleansConfig.Identity;

/// <summary>
/// A role within a scope: every namespace (<see cref="Namespace"/> null), one namespace
/// (<see cref="Environment"/> null) or one environment of one namespace. A viewer or operator grant may
/// list <see cref="Secrets"/>: names or prefixes (see <see cref="SecretNameRules"/>) of the secrets whose
/// values it may reveal in its scope; then it reveals only those.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.grant")]
public sealed record Grant(
    [property: Id(0)] Role Role,
    [property: Id(1)] string? Namespace = null,
    [property: Id(2)] string? Environment = null,
    [property: Id(3)] IReadOnlyList<string>? Secrets = null)
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
    /// For <see cref="Permission.RevealSecret"/> a grant that lists secrets returns false here, because it
    /// depends on the secret: use <see cref="RevealsSecret"/>.
    /// </summary>
    public bool Allows(Permission permission, string? ns, string? env) => Includes(permission) && Covers(ns, env);

    /// <summary>
    /// Returns true when this grant may reveal the value of secret <paramref name="name"/> in
    /// <paramref name="ns"/>/<paramref name="env"/>: through its <see cref="Secrets"/> list when it has one,
    /// otherwise as an operator or admin, except for a service token, which reveals only listed secrets.
    /// </summary>
    public bool RevealsSecret(string ns, string env, string name, bool serviceToken)
    {
        if (Role == Role.Auditor || !Covers(ns, env))
        {
            return false;
        }

        if (Secrets is not null)
        {
            return SecretNameRules.Matches(Secrets, name);
        }

        return !serviceToken && Role is Role.Operator or Role.Admin;
    }

    private bool Includes(Permission permission) => (Role, permission) switch
    {
        (Role.Auditor, Permission.Read or Permission.Audit) => true,
        (Role.Auditor, _) => false,
        (Role.Admin, Permission.Audit or Permission.AdministerSecrets) => true,
        (_, Permission.Audit or Permission.AdministerSecrets) => false,
        (Role.Operator or Role.Admin, Permission.RevealSecret) => Secrets is null,
        (_, Permission.RevealSecret) => false,
        _ => (int)Role >= (int)permission,
    };

    /// <summary>Compares the role, the scope and the listed secrets in order.</summary>
    public bool Equals(Grant? other) => other is not null
        && Role == other.Role
        && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && string.Equals(Environment, other.Environment, StringComparison.Ordinal)
        && (Secrets is null
            ? other.Secrets is null
            : other.Secrets is not null && Secrets.SequenceEqual(other.Secrets, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Role, Namespace, Environment, Secrets?.Count);

    public override string ToString()
    {
        var scope = Namespace is null
            ? $"{Role} of all namespaces"
            : Environment is null ? $"{Role} of {Namespace}" : $"{Role} of {Namespace}/{Environment}";

        return Secrets is null ? scope : $"{scope}, revealing secrets {string.Join(", ", Secrets)}";
    }
}
