namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Raised when an envelope names a key-encryption key that the provider does not have or has
/// retired. The message names the key id, never key material.
/// </summary>
public sealed class KeyEncryptionKeyUnavailableException(string keyId, string message)
    : Exception(message)
{
    /// <summary>Id of the key-encryption key that is missing or retired.</summary>
    public string KeyId { get; } = keyId;
}
