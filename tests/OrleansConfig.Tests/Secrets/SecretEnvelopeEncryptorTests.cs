using System.Text;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;
using static OrleansConfig.Tests.Secrets.SecretTestKeys;

namespace OrleansConfig.Tests.Secrets;

public sealed class SecretEnvelopeEncryptorTests
{
    private readonly SecretEnvelopeEncryptor _encryptor = NewEncryptor(NewEntry("kek-1"));

    [Fact]
    public async Task RoundTrip_ReturnsPlaintext()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        using var plaintext = await _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None);

        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task RoundTrip_EmptyValue()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Array.Empty<byte>(), CancellationToken.None);

        using var plaintext = await _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None);

        Assert.Equal(0, plaintext.Length);
    }

    [Fact]
    public async Task Envelope_NamesKeyAndSizes()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        Assert.Equal("kek-1", envelope.KeyEncryptionKeyId);
        Assert.Null(envelope.KeyEncryptionKeyVersion);
        Assert.Equal(SecretEnvelope.CurrentFormatVersion, envelope.FormatVersion);
        Assert.Equal(12, envelope.Nonce.Length);
        Assert.Equal(Plaintext.Length + 16, envelope.CiphertextAndTag.Length);
        Assert.DoesNotContain(PlaintextText, Encoding.UTF8.GetString(envelope.CiphertextAndTag));
    }

    [Fact]
    public async Task SamePlaintext_EncryptsDifferently()
    {
        var first = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var second = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.CiphertextAndTag, second.CiphertextAndTag);
        Assert.NotEqual(first.WrappedDataKey, second.WrappedDataKey);
    }

    public static TheoryData<string> TamperedParts => new() { "ciphertext", "tag", "nonce" };

    [Theory]
    [MemberData(nameof(TamperedParts))]
    public async Task TamperedValue_FailsToDecrypt(string part)
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var bytes = part == "nonce" ? envelope.Nonce : envelope.CiphertextAndTag;
        var index = part switch { "ciphertext" => 0, "tag" => bytes.Length - 1, _ => 5 };
        bytes[index] ^= 0x01;

        var error = await Assert.ThrowsAsync<SecretDecryptionException>(
            () => _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None));

        Assert.Contains(Coordinates.ToString(), error.Message);
        Assert.DoesNotContain(PlaintextText, error.Message);
    }

    [Fact]
    public async Task TamperedWrappedKey_FailsToUnwrap()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        envelope.WrappedDataKey[20] ^= 0x01;

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None));

        Assert.Equal("kek-1", error.KeyId);
        Assert.DoesNotContain(PlaintextText, error.Message);
    }

    [Fact]
    public async Task TruncatedCiphertext_FailsClearly()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var truncated = envelope with { CiphertextAndTag = envelope.CiphertextAndTag[..8] };

        var error = await Assert.ThrowsAsync<SecretDecryptionException>(
            () => _encryptor.DecryptAsync(Coordinates, truncated, CancellationToken.None));

        Assert.Contains("malformed", error.Message);
    }

    public static TheoryData<SecretCoordinates> OtherRecords => new()
    {
        Coordinates with { Namespace = "billing" },
        Coordinates with { Environment = "staging" },
        Coordinates with { Name = "Stripe:ApiKey2" },
        Coordinates with { Version = 4 },
        // Same concatenated text, other field boundaries: the length prefixes keep them apart.
        new SecretCoordinates("payments", "prodStripe:", "ApiKey", 3),
    };

    [Theory]
    [MemberData(nameof(OtherRecords))]
    public async Task EnvelopeMovedToOtherRecord_Fails(SecretCoordinates other)
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        // The data key is wrapped with the record as context, so unwrapping fails first.
        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => _encryptor.DecryptAsync(other, envelope, CancellationToken.None));

        Assert.DoesNotContain(PlaintextText, error.Message);
    }

    [Theory]
    [MemberData(nameof(OtherRecords))]
    public async Task MovedValue_FailsWithoutWrapContext(SecretCoordinates other)
    {
        // A provider that drops the context, as the Vault Transit provider does without SendContext,
        // leaves the value's own associated data as the only binding to the record.
        var encryptor = new SecretEnvelopeEncryptor(new ContextDroppingProvider());
        var envelope = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SecretDecryptionException>(
            () => encryptor.DecryptAsync(other, envelope, CancellationToken.None));

        Assert.Contains(other.ToString(), error.Message);
        Assert.DoesNotContain(PlaintextText, error.Message);
    }

    [Fact]
    public async Task DisposedPlaintext_IsRejected()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        var plaintext = await _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None);

        plaintext.Dispose();

        Assert.Throws<ObjectDisposedException>(() => plaintext.Span.Length);
        Assert.DoesNotContain(PlaintextText, plaintext.ToString());
    }

    [Fact]
    public async Task ToString_RevealsNoBytes()
    {
        var envelope = await _encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        using var plaintext = await _encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None);

        Assert.DoesNotContain(PlaintextText, plaintext.ToString());
        Assert.DoesNotContain(Convert.ToBase64String(envelope.WrappedDataKey), envelope.ToString());
        Assert.DoesNotContain(Convert.ToBase64String(envelope.CiphertextAndTag), envelope.ToString());
        Assert.Contains("kek-1", envelope.ToString());
    }

    private sealed class ContextDroppingProvider : IKeyEncryptionKeyProvider
    {
        private readonly LocalKeyringProvider _inner = new(new LocalKeyring([NewEntry("kek-1")], "kek-1"));

        public string ActiveKeyId => _inner.ActiveKeyId;

        public Task<WrappedDataKey> WrapAsync(
            ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
            _inner.WrapAsync(dataKey, ReadOnlyMemory<byte>.Empty, cancellationToken);

        public Task<byte[]> UnwrapAsync(
            ReadOnlyMemory<byte> wrappedDataKey,
            string keyId,
            ReadOnlyMemory<byte> context,
            CancellationToken cancellationToken) =>
            _inner.UnwrapAsync(wrappedDataKey, keyId, ReadOnlyMemory<byte>.Empty, cancellationToken);
    }
}
