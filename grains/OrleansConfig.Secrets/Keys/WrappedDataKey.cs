namespace OrleansConfig.Secrets.Keys;

/// <summary>A data key wrapped by a key-encryption key, with the id and version of that key.</summary>
/// <param name="Ciphertext">The wrapped data key, as the provider stores it.</param>
/// <param name="KeyId">Key-encryption key that wrapped it.</param>
/// <param name="KeyVersion">Version of that key where the provider has versions, otherwise null.</param>
public sealed record WrappedDataKey(byte[] Ciphertext, string KeyId, int? KeyVersion)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"WrappedDataKey(kek {KeyId}{(KeyVersion is { } version ? $" v{version}" : "")}, {Ciphertext.Length} bytes)";
}
