using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansConfig.Secrets;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Tests.Secrets;

/// <summary>
/// A silo's keyring: it wraps with the key the cluster's view makes active, refuses retired keys, and
/// re-reads its keyring file when it meets a key it does not have.
/// </summary>
public sealed class SecretKeyringTests : IDisposable
{
    private static readonly byte[] Context = "context"u8.ToArray();
    private readonly string _folder = Directory.CreateTempSubdirectory("orleansconfig-keyring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task View_ChoosesTheWrappingKey()
    {
        var keyring = NewKeyring(SecretTestKeys.NewEntry("k1"), SecretTestKeys.NewEntry("k2"));

        var byDefault = await keyring.For(KeyringView.Empty).WrapAsync(DataKey(), Context, CancellationToken.None);
        var byView = await keyring.For(new KeyringView("k2", [], 1))
            .WrapAsync(DataKey(), Context, CancellationToken.None);

        Assert.Equal(("k1", "k2"), (byDefault.KeyId, byView.KeyId));
        Assert.Equal(["k1", "k2"], keyring.KeyIds);
    }

    [Fact]
    public async Task RetiredKey_IsRefused()
    {
        var keyring = NewKeyring(SecretTestKeys.NewEntry("k1"), SecretTestKeys.NewEntry("k2"));
        var wrapped = await keyring.For(KeyringView.Empty).WrapAsync(DataKey(), Context, CancellationToken.None);
        var retired = keyring.For(new KeyringView("k2", ["k1"], 2));

        var failure = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => retired.UnwrapAsync(wrapped.Ciphertext, "k1", Context, CancellationToken.None));

        Assert.Equal("k1", failure.KeyId);
        Assert.Contains("retired", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyAddedToFile_IsFoundWithoutRestart()
    {
        var path = Path.Combine(_folder, "keyring.json");
        var first = SecretTestKeys.NewEntry("k1");
        var second = SecretTestKeys.NewEntry("k2");
        WriteFile(path, first);
        var keyring = new SecretKeyring(LocalKeyringLoader.FromJsonFile(path), path, null, null, NullLogger.Instance);

        WriteFile(path, first, second);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        var wrapped = await keyring.For(new KeyringView("k2", [], 1)).WrapAsync(DataKey(), Context,
            CancellationToken.None);

        Assert.Equal("k2", wrapped.KeyId);
        Assert.Contains("k2", keyring.KeyIds);
    }

    [Fact]
    public async Task UnknownKey_NamesTheKeysThisSiloHas()
    {
        var keyring = NewKeyring(SecretTestKeys.NewEntry("k1"));

        var failure = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => keyring.For(new KeyringView("k9", [], 1)).WrapAsync(DataKey(), Context, CancellationToken.None));

        Assert.Contains("'k9' is not in the keyring of this silo (it has k1)", failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyKeyring_NamesTheVariables()
    {
        var keyring = new SecretKeyring(null, null, null, null, NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => keyring.For(KeyringView.Empty).WrapAsync(DataKey(), Context, CancellationToken.None));

        Assert.Contains("ORLEANSCONFIG_SECRETS_KEYRING", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ShowsTheKeyWorks()
    {
        var keyring = NewKeyring(SecretTestKeys.NewEntry("k1"));

        Assert.Null(await keyring.ProbeAsync("k1", CancellationToken.None));
        await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => keyring.ProbeAsync("k2", CancellationToken.None));
    }

    private static SecretKeyring NewKeyring(params LocalKeyringEntry[] entries) =>
        new(new LocalKeyring(entries, entries[0].Id), null, null, null, NullLogger.Instance);

    private static byte[] DataKey() => RandomNumberGenerator.GetBytes(32);

    private static void WriteFile(string path, params LocalKeyringEntry[] entries) => File.WriteAllText(path,
        JsonSerializer.Serialize(new
        {
            activeKeyId = entries[0].Id,
            keys = entries.Select(e => new { id = e.Id, key = Convert.ToBase64String(e.Key.Span) }),
        }));
}
