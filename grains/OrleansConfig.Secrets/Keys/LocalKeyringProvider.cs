using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Wraps data keys with AES-256-GCM under a key of a <see cref="LocalKeyring"/>. A wrapped key is
/// nonce (12 bytes), encrypted data key and tag (16 bytes). The associated data is the key id,
/// length-prefixed, followed by the context, so a wrapped key only unwraps under the same id
/// and context.
/// </summary>
/// <param name="keyring">The keys.</param>
/// <param name="activeKeyId">The key that wraps, when it is not the keyring's active key: a cluster that
/// rotates key-encryption keys online chooses the active key itself.</param>
public sealed class LocalKeyringProvider(LocalKeyring keyring, string? activeKeyId = null) : IKeyEncryptionKeyProvider
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly LocalKeyring _keyring = keyring ?? throw new ArgumentNullException(nameof(keyring));

    /// <inheritdoc />
    public string ActiveKeyId => activeKeyId ?? _keyring.ActiveKeyId;

    /// <inheritdoc />
    public Task<WrappedDataKey> WrapAsync(
        ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var keyId = ActiveKeyId;
        var wrapped = new byte[NonceSize + dataKey.Length + TagSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(_keyring.GetUsableKey(keyId), TagSize);
        aes.Encrypt(
            nonce,
            dataKey.Span,
            wrapped.AsSpan(NonceSize, dataKey.Length),
            wrapped.AsSpan(NonceSize + dataKey.Length),
            BuildAssociatedData(keyId, context.Span));

        return Task.FromResult(new WrappedDataKey(wrapped, keyId, null));
    }

    /// <inheritdoc />
    public Task<byte[]> UnwrapAsync(
        ReadOnlyMemory<byte> wrappedDataKey,
        string keyId,
        ReadOnlyMemory<byte> context,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);

        var key = _keyring.GetUsableKey(keyId);
        var wrapped = wrappedDataKey.Span;
        if (wrapped.Length <= NonceSize + TagSize)
        {
            throw new KeyEncryptionKeyProviderException(
                keyId, $"Wrapped data key for key-encryption key '{keyId}' is too short ({wrapped.Length} bytes).",
                rejected: true);
        }

        var dataKey = new byte[wrapped.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                wrapped[..NonceSize],
                wrapped[NonceSize..^TagSize],
                wrapped[^TagSize..],
                dataKey,
                BuildAssociatedData(keyId, context.Span));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new KeyEncryptionKeyProviderException(
                keyId,
                $"Unwrapping the data key with key-encryption key '{keyId}' failed: the wrapped key, " +
                "its key id or its context was changed.",
                exception,
                rejected: true);
        }

        return Task.FromResult(dataKey);
    }

    private static byte[] BuildAssociatedData(string keyId, ReadOnlySpan<byte> context)
    {
        var id = Encoding.UTF8.GetBytes(keyId);
        var associatedData = new byte[4 + id.Length + context.Length];
        BinaryPrimitives.WriteInt32BigEndian(associatedData, id.Length);
        id.CopyTo(associatedData, 4);
        context.CopyTo(associatedData.AsSpan(4 + id.Length));

        return associatedData;
    }
}
