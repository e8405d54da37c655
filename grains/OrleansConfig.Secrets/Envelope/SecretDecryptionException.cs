namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// Raised when a secret envelope does not decrypt: its ciphertext, nonce or tag was changed, or it
/// belongs to another record. The message names the record, never the value or a key.
/// </summary>
public sealed class SecretDecryptionException(string message, Exception? innerException = null)
    : Exception(message, innerException);
