namespace OrleansConfig.Identity;

/// <summary>Persisted state of the key directory: the id of every key grain that was created.</summary>
public sealed class ApiKeyDirectoryState
{
    public List<string> KeyIds { get; set; } = [];

    /// <summary>Time at which bootstrap created the first admin key; null until then.</summary>
    public DateTimeOffset? BootstrappedAt { get; set; }

    public string? BootstrapKeyId { get; set; }
}
