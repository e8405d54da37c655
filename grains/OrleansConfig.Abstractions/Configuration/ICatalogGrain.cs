namespace OrleansConfig.Configuration;

[GenerateSerializer, Immutable, Alias("oc.namespace-info")]
public sealed record NamespaceInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string CreatedBy,
    [property: Id(3)] IReadOnlyList<string> Environments);

/// <summary>
/// The list of namespaces and their environments, a single grain (key 0). It is the source of truth
/// for which environments exist; namespaces and environments are created rarely and read from caches.
/// </summary>
[Alias("oc.catalog")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a namespace; returns false when it already existed.</summary>
    [Alias("create-namespace")]
    Task<bool> CreateNamespace(string ns, string author);

    /// <summary>
    /// Records an environment; returns null when the namespace does not exist, else whether the
    /// environment is new.
    /// </summary>
    [Alias("add-environment")]
    Task<bool?> AddEnvironment(string ns, string env, string author);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<NamespaceInfo>> ListNamespaces();

    [Alias("get"), ReadOnly]
    Task<NamespaceInfo?> GetNamespace(string ns);

    [Alias("has-environment"), ReadOnly]
    Task<bool> HasEnvironment(string ns, string env);
}
