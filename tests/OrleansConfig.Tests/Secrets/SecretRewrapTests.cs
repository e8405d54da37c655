using System.Text;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;
using static OrleansConfig.Tests.Secrets.SecretTestKeys;

namespace OrleansConfig.Tests.Secrets;

public sealed class SecretRewrapTests
{
    private readonly LocalKeyringEntry _old = NewEntry("kek-2024");
    private readonly LocalKeyringEntry _new = NewEntry("kek-2025");

    [Fact]
    public async Task Rewrap_ChangesKeyKeepsPlaintext()
    {
        var envelope = await NewEncryptor(_old).EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var rotated = NewEncryptor(_old, _new);

        var rewrapped = await rotated.RewrapAsync(Coordinates, envelope, CancellationToken.None);
        using var plaintext = await rotated.DecryptAsync(Coordinates, rewrapped, CancellationToken.None);

        Assert.Equal("kek-2024", envelope.KeyEncryptionKeyId);
        Assert.Equal("kek-2025", rewrapped.KeyEncryptionKeyId);
        Assert.NotEqual(envelope.WrappedDataKey, rewrapped.WrappedDataKey);
        Assert.Equal(envelope.Nonce, rewrapped.Nonce);
        Assert.Equal(envelope.CiphertextAndTag, rewrapped.CiphertextAndTag);
        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task Rewrapped_DecryptsAfterOldKeyRemoved()
    {
        var envelope = await NewEncryptor(_old).EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var rewrapped = await NewEncryptor(_old, _new).RewrapAsync(Coordinates, envelope, CancellationToken.None);

        using var plaintext = await NewEncryptor(_new).DecryptAsync(Coordinates, rewrapped, CancellationToken.None);

        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task UnknownKey_FailsNamingKeyId()
    {
        var envelope = await NewEncryptor(_old).EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => NewEncryptor(_new).DecryptAsync(Coordinates, envelope, CancellationToken.None));

        Assert.Equal("kek-2024", error.KeyId);
        Assert.Contains("'kek-2024' is not in the keyring", error.Message);
        AssertNoKeyMaterial(error.Message);
    }

    [Fact]
    public async Task RetiredKey_FailsNamingKeyId()
    {
        var envelope = await NewEncryptor(_old).EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var retired = _old with { Retired = true };

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => NewEncryptor(retired, _new).DecryptAsync(Coordinates, envelope, CancellationToken.None));

        Assert.Equal("kek-2024", error.KeyId);
        Assert.Contains("'kek-2024' is retired", error.Message);
        AssertNoKeyMaterial(error.Message);
    }

    [Fact]
    public void RetiredActiveKey_IsRejected()
    {
        var retired = _new with { Retired = true };

        var error = Assert.Throws<ArgumentException>(() => new LocalKeyring([_old, retired], "kek-2025"));

        Assert.Contains("'kek-2025'", error.Message);
    }

    private void AssertNoKeyMaterial(string message)
    {
        foreach (var entry in new[] { _old, _new })
        {
            Assert.DoesNotContain(Convert.ToBase64String(entry.Key.Span), message);
            Assert.DoesNotContain(Convert.ToHexString(entry.Key.Span), message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(PlaintextText, message);
    }
}
