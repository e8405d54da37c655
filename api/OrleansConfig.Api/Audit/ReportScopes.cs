namespace OrleansConfig.Api.Audit;

/// <summary>Short forms of scopes in the CSV and HTML reports.</summary>
public static class ReportScopes
{
    /// <summary>
    /// Returns <c>*</c> for all namespaces, <c>shop</c> for a namespace, <c>shop/prod</c> for an environment.
    /// </summary>
    public static string Describe(ReportGrantBody grant)
    {
        ArgumentNullException.ThrowIfNull(grant);

        if (grant.Namespace is null)
        {
            return "*";
        }

        return grant.Environment is null ? grant.Namespace : $"{grant.Namespace}/{grant.Environment}";
    }
}
