using System.Security.Cryptography;

namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Key-encryption keys held in process memory, loaded by <see cref="LocalKeyringLoader"/> from a
/// file or an environment variable, never from the database. One key is active for wrapping.
/// Retired keys stay listed, so unwrapping with them fails with a clear message.
/// </summary>
public sealed class LocalKeyring : IDisposable
{
    /// <summary>Size of a key-encryption key in bytes (AES-256).</summary>
    public const int KeySize = 32;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _retired = new(StringComparer.Ordinal);

    /// <summary>Creates a keyring from copies of the key bytes, so callers may zero theirs.</summary>
    /// <exception cref="ArgumentException">A key is not 32 bytes, an id repeats, or the active key
    /// is missing or retired.</exception>
    public LocalKeyring(IEnumerable<LocalKeyringEntry> entries, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrEmpty(activeKeyId);

        foreach (var entry in entries)
        {
            Add(entry);
        }

        if (!_keys.ContainsKey(activeKeyId) || _retired.Contains(activeKeyId))
        {
            throw new ArgumentException(
                $"Active key-encryption key '{activeKeyId}' is not an unretired key of the keyring.",
                nameof(activeKeyId));
        }

        ActiveKeyId = activeKeyId;
    }

    /// <summary>Key that wraps new data keys.</summary>
    public string ActiveKeyId { get; }

    /// <summary>Ids of all keys, retired ones included.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Ids of the keys marked retired.</summary>
    public IReadOnlyCollection<string> RetiredKeyIds => _retired;

    /// <summary>Returns the key bytes of <paramref name="keyId"/>, or raises why it cannot be used.</summary>
    internal byte[] GetUsableKey(string keyId)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new KeyEncryptionKeyUnavailableException(
                keyId,
                $"Key-encryption key '{keyId}' is not in the keyring. Add it to the keyring " +
                "(file or ORLEANSCONFIG_SECRETS_KEYRING) to decrypt envelopes that name it.");
        }

        if (_retired.Contains(keyId))
        {
            throw new KeyEncryptionKeyUnavailableException(
                keyId,
                $"Key-encryption key '{keyId}' is retired. Envelopes that name it must be " +
                "re-wrapped before the key is retired.");
        }

        return key;
    }

    /// <summary>Zeroes every key.</summary>
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private void Add(LocalKeyringEntry entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.Id);
        if (entry.Key.Length != KeySize)
        {
            throw new ArgumentException(
                $"Key-encryption key '{entry.Id}' is {entry.Key.Length} bytes; it must be {KeySize} bytes.");
        }

        if (!_keys.TryAdd(entry.Id, entry.Key.ToArray()))
        {
            throw new ArgumentException($"Key-encryption key '{entry.Id}' appears more than once.");
        }

        if (entry.Retired)
        {
            _retired.Add(entry.Id);
        }
    }
}

/// <summary>One key of a <see cref="LocalKeyring"/>.</summary>
/// <param name="Id">Key id stored in every envelope the key wraps.</param>
/// <param name="Key">The 256-bit key.</param>
/// <param name="Retired">Whether unwrapping with the key is rejected.</param>
public readonly record struct LocalKeyringEntry(string Id, ReadOnlyMemory<byte> Key, bool Retired = false)
{
    /// <inheritdoc />
    public override string ToString() => $"LocalKeyringEntry({Id}{(Retired ? ", retired" : "")})";
}
