using System.Security.Cryptography;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// Encrypts secret versions into <see cref="SecretEnvelope"/>s and back. Each version gets its own
/// random 256-bit data key and 96-bit nonce. The value is encrypted with AES-256-GCM with the
/// record's <see cref="SecretCoordinates"/> as associated data, and the data key is wrapped by the
/// <see cref="IKeyEncryptionKeyProvider"/> with the same associated data as context.
/// </summary>
public sealed class SecretEnvelopeEncryptor(IKeyEncryptionKeyProvider keyProvider)
{
    private readonly IKeyEncryptionKeyProvider _keyProvider =
        keyProvider ?? throw new ArgumentNullException(nameof(keyProvider));

    /// <summary>Encrypts <paramref name="plaintext"/> as the value of <paramref name="coordinates"/>.</summary>
    public async Task<SecretEnvelope> EncryptAsync(
        SecretCoordinates coordinates, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        var associatedData = coordinates.ToAssociatedData(SecretEnvelope.CurrentFormatVersion);
        var dataKey = GC.AllocateArray<byte>(SecretEnvelope.DataKeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(dataKey);
            var nonce = RandomNumberGenerator.GetBytes(SecretEnvelope.NonceSize);
            var ciphertext = new byte[plaintext.Length + SecretEnvelope.TagSize];
            using (var aes = new AesGcm(dataKey, SecretEnvelope.TagSize))
            {
                aes.Encrypt(
                    nonce,
                    plaintext.Span,
                    ciphertext.AsSpan(0, plaintext.Length),
                    ciphertext.AsSpan(plaintext.Length),
                    associatedData);
            }

            var wrapped = await _keyProvider.WrapAsync(dataKey, associatedData, cancellationToken);

            return new SecretEnvelope(
                SecretEnvelope.CurrentFormatVersion,
                wrapped.KeyId,
                wrapped.KeyVersion,
                wrapped.Ciphertext,
                nonce,
                ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Decrypts the value of <paramref name="coordinates"/>. Dispose the result after use.</summary>
    /// <exception cref="SecretDecryptionException">The envelope was changed or belongs to another record.</exception>
    /// <exception cref="KeyEncryptionKeyUnavailableException">Its key-encryption key is unknown or retired.</exception>
    /// <exception cref="KeyEncryptionKeyProviderException">Its data key did not unwrap.</exception>
    public async Task<SecretPlaintext> DecryptAsync(
        SecretCoordinates coordinates, SecretEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var associatedData = CheckEnvelope(coordinates, envelope);
        var ciphertext = envelope.CiphertextAndTag;

        var dataKey = await UnwrapAsync(coordinates, envelope, associatedData, cancellationToken);
        var plaintext = SecretPlaintext.Allocate(ciphertext.Length - SecretEnvelope.TagSize);
        try
        {
            using var aes = new AesGcm(dataKey, SecretEnvelope.TagSize);
            aes.Decrypt(
                envelope.Nonce,
                ciphertext.AsSpan(0, plaintext.Length),
                ciphertext.AsSpan(plaintext.Length),
                plaintext.Writable,
                associatedData);

            return plaintext;
        }
        catch (AuthenticationTagMismatchException exception)
        {
            plaintext.Dispose();
            throw new SecretDecryptionException(
                $"Secret {coordinates} did not decrypt: the ciphertext, nonce or tag was changed, " +
                "or the envelope belongs to another secret version.",
                exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Re-wraps the envelope's data key with the active key-encryption key. The nonce and
    /// ciphertext are kept unchanged, so the value is never decrypted.
    /// </summary>
    public async Task<SecretEnvelope> RewrapAsync(
        SecretCoordinates coordinates, SecretEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var associatedData = CheckEnvelope(coordinates, envelope);

        var dataKey = await UnwrapAsync(coordinates, envelope, associatedData, cancellationToken);
        try
        {
            var wrapped = await _keyProvider.WrapAsync(dataKey, associatedData, cancellationToken);

            return envelope with
            {
                KeyEncryptionKeyId = wrapped.KeyId,
                KeyEncryptionKeyVersion = wrapped.KeyVersion,
                WrappedDataKey = wrapped.Ciphertext,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] CheckEnvelope(SecretCoordinates coordinates, SecretEnvelope envelope)
    {
        if (envelope.FormatVersion != SecretEnvelope.CurrentFormatVersion)
        {
            throw new SecretDecryptionException(
                $"Secret {coordinates} has envelope format version {envelope.FormatVersion}; " +
                $"this library reads version {SecretEnvelope.CurrentFormatVersion}.");
        }

        if (envelope.Nonce.Length != SecretEnvelope.NonceSize
            || envelope.CiphertextAndTag.Length < SecretEnvelope.TagSize)
        {
            throw new SecretDecryptionException(
                $"Secret {coordinates} has a malformed envelope: the nonce must be " +
                $"{SecretEnvelope.NonceSize} bytes and the ciphertext at least {SecretEnvelope.TagSize}.");
        }

        return coordinates.ToAssociatedData(envelope.FormatVersion);
    }

    private async Task<byte[]> UnwrapAsync(
        SecretCoordinates coordinates,
        SecretEnvelope envelope,
        byte[] associatedData,
        CancellationToken cancellationToken)
    {
        var dataKey = await _keyProvider.UnwrapAsync(
            envelope.WrappedDataKey, envelope.KeyEncryptionKeyId, associatedData, cancellationToken);
        if (dataKey.Length != SecretEnvelope.DataKeySize)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new SecretDecryptionException(
                $"Secret {coordinates} has a data key of {dataKey.Length} bytes; " +
                $"expected {SecretEnvelope.DataKeySize}.");
        }

        return dataKey;
    }
}
