namespace OrleansConfig.Api.Secrets;

/// <summary>Limits of the secret endpoints, bound from the section <c>OrleansConfig:Secrets</c>.</summary>
public sealed class SecretApiOptions
{
    public const string SectionName = "OrleansConfig:Secrets";

    /// <summary>
    /// Maximum size of one secret value in UTF-8 bytes; keep it equal to the silos' setting of the same
    /// name. The default value is 65,536 (64 KiB).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1024 * 1024)]
    public int MaxValueBytes { get; set; } = 64 * 1024;
}
