namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// One encrypted secret version: the value encrypted with AES-256-GCM under its own data key,
/// and that data key wrapped by the key-encryption key named here. Contains no key material in
/// the clear. <see cref="SecretEnvelopeCodec"/> turns it into bytes or base64 and back.
/// </summary>
/// <param name="FormatVersion">Layout of this envelope. This library writes <see cref="CurrentFormatVersion"/>.</param>
/// <param name="KeyEncryptionKeyId">Key-encryption key that wrapped the data key.</param>
/// <param name="KeyEncryptionKeyVersion">Version of that key where the provider has versions
/// (Vault Transit), otherwise null.</param>
/// <param name="WrappedDataKey">The data key as the key-encryption key provider wrapped it.</param>
/// <param name="Nonce">The 96-bit AES-GCM nonce of the value's encryption.</param>
/// <param name="CiphertextAndTag">The ciphertext followed by the 128-bit AES-GCM tag.</param>
public sealed record SecretEnvelope(
    byte FormatVersion,
    string KeyEncryptionKeyId,
    int? KeyEncryptionKeyVersion,
    byte[] WrappedDataKey,
    byte[] Nonce,
    byte[] CiphertextAndTag)
{
    /// <summary>The format version this library writes and reads.</summary>
    public const byte CurrentFormatVersion = 1;

    /// <summary>Size of the data key in bytes (AES-256).</summary>
    public const int DataKeySize = 32;

    /// <summary>Size of the AES-GCM nonce in bytes.</summary>
    public const int NonceSize = 12;

    /// <summary>Size of the AES-GCM tag in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>Returns the key-encryption key and sizes, so byte contents stay out of logs.</summary>
    public override string ToString() =>
        $"SecretEnvelope(format {FormatVersion}, kek {KeyEncryptionKeyId}" +
        $"{(KeyEncryptionKeyVersion is { } version ? $" v{version}" : "")}, " +
        $"{CiphertextAndTag.Length} ciphertext bytes)";
}
