namespace OrleansConfig;

/// <summary>
/// Names of grain storage providers and of the state each grain type persists. The ADO.NET provider
/// keys rows by state name and grain key, so every grain type has a state name of its own.
/// </summary>
public static class StorageNames
{
    public const string Provider = "orleansconfig";

    public const string ConfigKeyState = "config-key";

    public const string EnvironmentState = "config-environment";

    public const string CatalogState = "catalog";

    public const string ApiKeyState = "api-key";

    public const string ApiKeyDirectoryState = "api-key-directory";

    public const string FlagState = "flag";

    public const string SecretState = "secret";

    public const string SecretIndexState = "secret-index";

    public const string KeyringState = "secret-keyring";
    public const string SchemaState = "namespace-schemas";

    public const string PlanState = "plan";

    public const string DesiredState = "desired-state";

    /// <summary>
    /// The state of the grains that hold one kind of versioned item. Each such state has the properties
    /// <c>key</c> and <c>versions</c> of <see cref="Items.VersionedItemState"/>, so the environment
    /// reads every kind from storage alike.
    /// </summary>
    public static string ItemState(Changes.ChangeKind kind) => kind switch
    {
        Changes.ChangeKind.Config => ConfigKeyState,
        Changes.ChangeKind.Flag => FlagState,
        Changes.ChangeKind.Secret => SecretState,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of versioned item."),
    };

    /// <summary>Every kind of versioned item an environment sequences.</summary>
    public static IReadOnlyList<Changes.ChangeKind> ItemKinds { get; } =
        [Changes.ChangeKind.Config, Changes.ChangeKind.Flag, Changes.ChangeKind.Secret];
}
