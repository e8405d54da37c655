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
}
