namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Wraps and unwraps data keys with a key-encryption key that never leaves the provider.
/// </summary>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>Key-encryption key that <see cref="WrapAsync"/> uses.</summary>
    string ActiveKeyId { get; }

    /// <summary>Wraps <paramref name="dataKey"/> with the active key-encryption key.</summary>
    /// <param name="dataKey">The data key, to which the provider keeps no reference.</param>
    /// <param name="context">Bytes that the wrapping binds to, and unwrapping must repeat.</param>
    /// <param name="cancellationToken">Cancels a remote call.</param>
    /// <exception cref="KeyEncryptionKeyProviderException">The provider failed.</exception>
    Task<WrappedDataKey> WrapAsync(
        ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken);

    /// <summary>
    /// Unwraps a data key that the key-encryption key <paramref name="keyId"/> wrapped. The caller
    /// owns the returned array and zeroes it after use.
    /// </summary>
    /// <exception cref="KeyEncryptionKeyUnavailableException">The key is unknown or retired.</exception>
    /// <exception cref="KeyEncryptionKeyProviderException">Unwrapping failed, for example because the
    /// wrapped bytes or the context were changed.</exception>
    Task<byte[]> UnwrapAsync(
        ReadOnlyMemory<byte> wrappedDataKey,
        string keyId,
        ReadOnlyMemory<byte> context,
        CancellationToken cancellationToken);
}
