namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Raised when wrapping or unwrapping a data key fails: a rejected or tampered wrapped key, a
/// context that does not match, or an error from a remote key service.
/// </summary>
public sealed class KeyEncryptionKeyProviderException : Exception
{
    /// <summary>Creates the exception for the key-encryption key <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The key involved.</param>
    /// <param name="message">What failed, naming key ids and never key material.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="rejected">True when the wrapped key or its context was refused as changed, false when
    /// the provider failed for another reason (unreachable, denied, misconfigured).</param>
    public KeyEncryptionKeyProviderException(
        string keyId, string message, Exception? innerException = null, bool rejected = false)
        : base(message, innerException)
    {
        KeyId = keyId;
        Rejected = rejected;
    }

    /// <summary>Id of the key-encryption key involved.</summary>
    public string KeyId { get; }

    /// <summary>
    /// True when the provider refused the wrapped data key or its context, so the stored envelope was
    /// changed or moved. False when the provider itself failed, so a retry may succeed.
    /// </summary>
    public bool Rejected { get; }
}
