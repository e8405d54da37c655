using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansConfig.Secrets.Keys;

/// <summary>
/// Builds a <see cref="LocalKeyring"/> from an environment variable or a JSON file. Error messages
/// name key ids and positions, never key bytes.
/// </summary>
public static class LocalKeyringLoader
{
    /// <summary>Environment variable holding <c>id:base64key</c> entries separated by commas.</summary>
    public const string KeyringVariable = "ORLEANSCONFIG_SECRETS_KEYRING";

    /// <summary>Environment variable naming the active key, optional when the keyring has one key.</summary>
    public const string ActiveKeyVariable = "ORLEANSCONFIG_SECRETS_ACTIVE_KEY";

    /// <summary>Loads the keyring from <see cref="KeyringVariable"/> and <see cref="ActiveKeyVariable"/>.</summary>
    /// <exception cref="InvalidOperationException">The keyring variable is not set.</exception>
    /// <exception cref="FormatException">An entry is malformed.</exception>
    public static LocalKeyring FromEnvironment()
    {
        var entries = Environment.GetEnvironmentVariable(KeyringVariable);
        if (string.IsNullOrWhiteSpace(entries))
        {
            throw new InvalidOperationException(
                $"{KeyringVariable} is not set. Set it to id:base64key entries separated by commas, " +
                "each key 32 random bytes.");
        }

        return Parse(entries, Environment.GetEnvironmentVariable(ActiveKeyVariable));
    }

    /// <summary>
    /// Parses <c>id1:base64key,id2:base64key</c>. Without <paramref name="activeKeyId"/> the
    /// keyring must have exactly one key, which becomes active. No key of this form is marked retired.
    /// </summary>
    public static LocalKeyring Parse(string entries, string? activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(entries);

        var parsed = new List<LocalKeyringEntry>();
        var position = 0;
        foreach (var item in entries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            position++;
            var separator = item.IndexOf(':');
            if (separator <= 0)
            {
                throw new FormatException(
                    $"Keyring entry {position} is invalid: expected id:base64key with a non-empty id.");
            }

            var id = item[..separator];
            parsed.Add(new LocalKeyringEntry(id, DecodeKey(id, item[(separator + 1)..])));
        }

        try
        {
            return new LocalKeyring(parsed, activeKeyId ?? SingleKeyId(parsed));
        }
        finally
        {
            ZeroAll(parsed);
        }
    }

    /// <summary>
    /// Loads a JSON file shaped as
    /// <c>{"activeKeyId": "k2", "keys": [{"id": "k1", "key": "base64", "retired": true}, …]}</c>.
    /// </summary>
    public static LocalKeyring FromJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        return FromJson(File.ReadAllText(path));
    }

    /// <summary>Parses the JSON form described at <see cref="FromJsonFile"/>.</summary>
    public static LocalKeyring FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        var document = JsonSerializer.Deserialize<KeyringDocument>(json)
            ?? throw new FormatException("Keyring JSON is null.");
        if (document.Keys is null || document.Keys.Count == 0)
        {
            throw new FormatException("Keyring JSON has no \"keys\" array or it is empty.");
        }

        var entries = new List<LocalKeyringEntry>();
        foreach (var key in document.Keys)
        {
            if (string.IsNullOrEmpty(key.Id))
            {
                throw new FormatException($"Keyring JSON key {entries.Count + 1} has no \"id\".");
            }

            entries.Add(new LocalKeyringEntry(key.Id, DecodeKey(key.Id, key.Key ?? ""), key.Retired));
        }

        try
        {
            return new LocalKeyring(entries, document.ActiveKeyId ?? SingleKeyId(entries));
        }
        finally
        {
            ZeroAll(entries);
        }
    }

    private static byte[] DecodeKey(string id, string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            // The input is not echoed because it is meant to be key material.
            throw new FormatException($"Key-encryption key '{id}' is not valid base64.");
        }
    }

    private static string SingleKeyId(List<LocalKeyringEntry> entries)
    {
        if (entries.Count != 1)
        {
            throw new FormatException(
                $"The keyring has {entries.Count} keys, so the active key must be named " +
                $"({ActiveKeyVariable} or \"activeKeyId\").");
        }

        return entries[0].Id;
    }

    private static void ZeroAll(List<LocalKeyringEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entry.Key, out var segment))
            {
                CryptographicOperations.ZeroMemory(segment);
            }
        }
    }

    private sealed record KeyringDocument(
        [property: JsonPropertyName("activeKeyId")] string? ActiveKeyId,
        [property: JsonPropertyName("keys")] List<KeyDocument>? Keys);

    private sealed record KeyDocument(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("retired")] bool Retired);
}
