namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Raised when wrapping or unwrapping a data key fails: a rejected or tampered wrapped key, a
/// context that does not match, or an error from a remote key service.
/// </summary>
public sealed class KeyEncryptionKeyProviderException : Exception
{
    /// <summary>Creates the exception for the key-encryption key <paramref name="keyId"/>.</summary>
    public KeyEncryptionKeyProviderException(string keyId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        KeyId = keyId;
    }

    /// <summary>Id of the key-encryption key involved.</summary>
    public string KeyId { get; }
}
