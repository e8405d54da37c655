namespace OrleansConfig.Secrets.Vault;

/// <summary>Settings of <see cref="VaultTransitKeyProvider"/>.</summary>
public sealed class VaultTransitOptions
{
    /// <summary>Base address of the Vault server, for example https://vault.internal:8200.</summary>
    public Uri? Address { get; set; }

    /// <summary>Token sent as the X-Vault-Token header. Required.</summary>
    public string? Token { get; set; }

    /// <summary>Path the Transit engine is mounted at. The default value is "transit".</summary>
    public string MountPath { get; set; } = "transit";

    /// <summary>Name of the Transit key that wraps data keys. Required.</summary>
    public string? KeyName { get; set; }

    /// <summary>
    /// Whether to send the record's associated data as the Transit <c>context</c>. Vault requires a
    /// context for keys created with <c>derived=true</c>. The default value is false.
    /// </summary>
    public bool SendContext { get; set; }

    /// <inheritdoc />
    public override string ToString()
    {
        var token = string.IsNullOrEmpty(Token) ? "missing" : "redacted";

        return $"VaultTransitOptions({Address}, mount {MountPath}, key {KeyName}, token {token})";
    }
}
