namespace OrleansConfig.Secrets;

/// <summary>A secret listed in its environment's index, and whether it may have a rotation policy.</summary>
[GenerateSerializer, Immutable, Alias("oc.secret-index-entry")]
public sealed record SecretIndexEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] bool HasPolicy);

/// <summary>
/// The names of every secret ever written in one environment (keyed like the environment grain), deleted
/// and purged ones included, so that key-encryption key rotation and rotation reports find secrets whose
/// grains are not active. A secret registers before its first version is stored and marks its policy
/// before storing it, so the index may list more than exists, never less.
/// </summary>
[Alias("oc.secret-index")]
public interface ISecretIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the secret, or updates its policy mark when <paramref name="hasPolicy"/> is given.</summary>
    [Alias("register")]
    Task Register(string name, bool? hasPolicy);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<SecretIndexEntry>> List();
}
