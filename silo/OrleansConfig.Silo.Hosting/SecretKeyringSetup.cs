using Microsoft.Extensions.Logging;
using OrleansConfig.Secrets;
using OrleansConfig.Secrets.Keys;
using OrleansConfig.Secrets.Vault;

namespace OrleansConfig.Hosting;

/// <summary>
/// Builds a silo's <see cref="SecretKeyring"/> from the environment: a local keyring from
/// <c>ORLEANSCONFIG_SECRETS_KEYRING</c> (with <c>ORLEANSCONFIG_SECRETS_ACTIVE_KEY</c>) or from the JSON file
/// <c>ORLEANSCONFIG_SECRETS_KEYRING_FILE</c>, and a Vault Transit key from the
/// <c>ORLEANSCONFIG_SECRETS_VAULT_*</c> variables. Errors name variables and key ids, never key bytes.
/// </summary>
public static class SecretKeyringSetup
{
    public const string KeyringFileVariable = "ORLEANSCONFIG_SECRETS_KEYRING_FILE";
    public const string VaultAddressVariable = "ORLEANSCONFIG_SECRETS_VAULT_ADDRESS";
    public const string VaultTokenVariable = "ORLEANSCONFIG_SECRETS_VAULT_TOKEN";
    public const string VaultKeyVariable = "ORLEANSCONFIG_SECRETS_VAULT_KEY";
    public const string VaultMountVariable = "ORLEANSCONFIG_SECRETS_VAULT_MOUNT";
    public const string VaultContextVariable = "ORLEANSCONFIG_SECRETS_VAULT_CONTEXT";

    /// <summary>
    /// Returns the keyring the environment describes. Without any key it returns an empty keyring (secrets
    /// then fail with a message naming these variables), or in the in-memory development mode a keyring with
    /// one key generated for this process.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is set to something unusable.</exception>
    public static SecretKeyring FromEnvironment(ILogger logger, bool inMemory)
    {
        ArgumentNullException.ThrowIfNull(logger);

        var entries = Read(LocalKeyringLoader.KeyringVariable);
        var file = Read(KeyringFileVariable);
        var active = Read(LocalKeyringLoader.ActiveKeyVariable);
        if (entries is not null && file is not null)
        {
            throw new InvalidOperationException($"Both {LocalKeyringLoader.KeyringVariable} and {KeyringFileVariable} "
                + "are set; set one of them.");
        }

        var vault = ReadVault();
        if (entries is null && file is null && vault is null)
        {
            return inMemory ? SecretKeyring.Ephemeral(logger) : new SecretKeyring(null, null, null, null, logger);
        }

        try
        {
            var local = file is not null ? LocalKeyringLoader.FromJsonFile(file)
                : entries is not null ? LocalKeyringLoader.Parse(entries, LocalActiveKey(entries, active, vault))
                : null;

            return new SecretKeyring(local, file, vault, active, logger);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IOException
            or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException(
                $"The secrets keyring is invalid ({file ?? LocalKeyringLoader.KeyringVariable}): {exception.Message}",
                exception);
        }
    }

    /// <summary>
    /// The active key of the local keyring: the one the active variable names when it is local, else the
    /// first key, because the active key may be the Vault key.
    /// </summary>
    private static string? LocalActiveKey(string entries, string? active, VaultTransitKeyProvider? vault)
    {
        if (vault is null || active is null || active != vault.ActiveKeyId)
        {
            return active;
        }

        var first = entries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault() ?? "";
        var separator = first.IndexOf(':');

        return separator > 0 ? first[..separator] : null;
    }

    private static VaultTransitKeyProvider? ReadVault()
    {
        var address = Read(VaultAddressVariable);
        if (address is null)
        {
            return null;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{VaultAddressVariable}='{address}' is not an http or https URL.");
        }

        var options = new VaultTransitOptions
        {
            Address = uri,
            Token = Read(VaultTokenVariable) ?? throw Missing(VaultTokenVariable),
            KeyName = Read(VaultKeyVariable) ?? throw Missing(VaultKeyVariable),
            MountPath = Read(VaultMountVariable) ?? "transit",
            SendContext = Read(VaultContextVariable) is "1" or "true",
        };

        // The provider owns this client for the life of the silo.
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        return new VaultTransitKeyProvider(client, options);
    }

    private static InvalidOperationException Missing(string variable) =>
        new($"{VaultAddressVariable} is set but {variable} is not; set it too, or unset {VaultAddressVariable}.");

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
