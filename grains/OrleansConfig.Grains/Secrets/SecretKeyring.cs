using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

/// <summary>
/// The key-encryption keys one silo can use: a local keyring (environment variable or JSON file) and a
/// HashiCorp Vault Transit key, each named by its key id. Which key wraps new data keys and which keys
/// are retired is decided cluster-wide by the keyring grain; <see cref="For"/> binds that view to the keys.
/// </summary>
public sealed partial class SecretKeyring
{
    private readonly LocalKeyringSource? _local;
    private readonly IKeyEncryptionKeyProvider? _vault;
    private readonly ILogger _logger;

    /// <summary>Creates the keyring from its sources; either may be null, and both may be.</summary>
    /// <param name="local">Local keys, or null.</param>
    /// <param name="localPath">The file <paramref name="local"/> was read from, re-read when it changes.</param>
    /// <param name="vault">A Vault Transit provider, whose key id is its Transit key name, or null.</param>
    /// <param name="configuredActiveKeyId">The key that wraps until a rotation chooses one; by default the
    /// local keyring's active key, else the Vault key.</param>
    /// <param name="logger">Receives reloads and their failures.</param>
    public SecretKeyring(LocalKeyring? local, string? localPath, IKeyEncryptionKeyProvider? vault,
        string? configuredActiveKeyId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (local is not null && vault is not null && local.KeyIds.Contains(vault.ActiveKeyId))
        {
            throw new ArgumentException(
                $"The Vault Transit key '{vault.ActiveKeyId}' has the id of a local key; key ids must be unique, "
                + "so rename the local key.", nameof(vault));
        }

        _local = local is null ? null : new LocalKeyringSource(local, localPath, logger);
        _vault = vault;
        _logger = logger;
        ConfiguredActiveKeyId = configuredActiveKeyId ?? local?.ActiveKeyId ?? vault?.ActiveKeyId;
    }

    /// <summary>The key that wraps until the cluster's keyring names another; null without keys.</summary>
    public string? ConfiguredActiveKeyId { get; }

    /// <summary>True when the keys were generated for this process (development mode) and die with it.</summary>
    public bool IsEphemeral { get; private init; }

    /// <summary>Ids of every key this silo can use, sorted.</summary>
    public IReadOnlyList<string> KeyIds
    {
        get
        {
            var ids = new List<string>();
            if (_local is not null)
            {
                ids.AddRange(_local.Keyring.KeyIds.Except(_local.Keyring.RetiredKeyIds));
            }

            if (_vault is not null)
            {
                ids.Add(_vault.ActiveKeyId);
            }

            ids.Sort(StringComparer.Ordinal);

            return ids;
        }
    }

    /// <summary>A keyring with one random key that lives as long as the process, for the development mode.</summary>
    public static SecretKeyring Ephemeral(ILogger logger)
    {
        var key = RandomNumberGenerator.GetBytes(LocalKeyring.KeySize);
        var keyring = new LocalKeyring([new LocalKeyringEntry("dev-ephemeral", key)], "dev-ephemeral");
        CryptographicOperations.ZeroMemory(key);

        return new SecretKeyring(keyring, null, null, null, logger) { IsEphemeral = true };
    }

    /// <summary>Re-reads the keyring file when it changed; returns true when the keys changed.</summary>
    public bool Reload() => _local?.Reload() ?? false;

    /// <summary>Returns a provider that wraps with the view's active key and refuses its retired keys.</summary>
    public IKeyEncryptionKeyProvider For(KeyringView view)
    {
        ArgumentNullException.ThrowIfNull(view);

        return new ViewProvider(this, view);
    }

    /// <summary>
    /// Wraps and unwraps a random data key with <paramref name="keyId"/>, to show the key is usable here;
    /// returns its key version (Vault) or null.
    /// </summary>
    public async Task<int?> ProbeAsync(string keyId, CancellationToken cancellationToken)
    {
        var provider = For(new KeyringView(keyId, [], 0));
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var context = "orleansconfig keyring probe"u8.ToArray();
        try
        {
            var wrapped = await provider.WrapAsync(dataKey, context, cancellationToken);
            var unwrapped = await provider.UnwrapAsync(wrapped.Ciphertext, wrapped.KeyId, context, cancellationToken);
            var same = CryptographicOperations.FixedTimeEquals(unwrapped, dataKey);
            CryptographicOperations.ZeroMemory(unwrapped);
            if (!same)
            {
                throw new KeyEncryptionKeyProviderException(keyId,
                    $"Key-encryption key '{keyId}' unwrapped a probe to different bytes.");
            }

            return wrapped.KeyVersion;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Finds the provider of <paramref name="keyId"/>, re-reading the keyring file once if needed.</summary>
    private IKeyEncryptionKeyProvider Source(string keyId)
    {
        if (_vault is not null && string.Equals(_vault.ActiveKeyId, keyId, StringComparison.Ordinal))
        {
            return _vault;
        }

        if (_local is not null && (_local.Keyring.KeyIds.Contains(keyId) || (_local.Reload()
            && _local.Keyring.KeyIds.Contains(keyId))))
        {
            return new LocalKeyringProvider(_local.Keyring, keyId);
        }

        LogUnknownKey(keyId, string.Join(", ", KeyIds));

        throw new KeyEncryptionKeyUnavailableException(keyId, KeyIds.Count == 0
            ? "No key-encryption key is configured on this silo; set ORLEANSCONFIG_SECRETS_KEYRING, "
                + "ORLEANSCONFIG_SECRETS_KEYRING_FILE or the ORLEANSCONFIG_SECRETS_VAULT_* variables."
            : $"Key-encryption key '{keyId}' is not in the keyring of this silo (it has {string.Join(", ", KeyIds)}); "
                + "add it to the keyring of every silo.");
    }

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning,
        Message = "Key-encryption key {KeyId} was requested but this silo has only {KeyIds}")]
    private partial void LogUnknownKey(string keyId, string keyIds);

    /// <summary>The keys as one view of the cluster's keyring names them.</summary>
    private sealed class ViewProvider(SecretKeyring keyring, KeyringView view) : IKeyEncryptionKeyProvider
    {
        public string ActiveKeyId => view.ActiveKeyId ?? keyring.ConfiguredActiveKeyId
            ?? throw new KeyEncryptionKeyUnavailableException("",
                "No key-encryption key is configured on this silo; set ORLEANSCONFIG_SECRETS_KEYRING, "
                + "ORLEANSCONFIG_SECRETS_KEYRING_FILE or the ORLEANSCONFIG_SECRETS_VAULT_* variables.");

        public Task<WrappedDataKey> WrapAsync(
            ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
        {
            var keyId = ActiveKeyId;
            CheckNotRetired(keyId);

            return keyring.Source(keyId).WrapAsync(dataKey, context, cancellationToken);
        }

        public Task<byte[]> UnwrapAsync(
            ReadOnlyMemory<byte> wrappedDataKey, string keyId, ReadOnlyMemory<byte> context,
            CancellationToken cancellationToken)
        {
            CheckNotRetired(keyId);

            return keyring.Source(keyId).UnwrapAsync(wrappedDataKey, keyId, context, cancellationToken);
        }

        private void CheckNotRetired(string keyId)
        {
            if (view.RetiredKeyIds.Contains(keyId, StringComparer.Ordinal))
            {
                throw new KeyEncryptionKeyUnavailableException(keyId,
                    $"Key-encryption key '{keyId}' is retired in this cluster's keyring; no data key may be "
                    + "wrapped or unwrapped with it.");
            }
        }
    }
}
