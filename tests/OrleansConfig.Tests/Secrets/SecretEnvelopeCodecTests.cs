using OrleansConfig.Secrets.Envelope;
using static OrleansConfig.Tests.Secrets.SecretTestKeys;

namespace OrleansConfig.Tests.Secrets;

public sealed class SecretEnvelopeCodecTests
{
    private static readonly SecretEnvelope Sample = new(
        SecretEnvelope.CurrentFormatVersion, "orleansconfig", 7, [1, 2, 3], new byte[12], new byte[20]);

    [Fact]
    public void Bytes_RoundTrip()
    {
        var decoded = SecretEnvelopeCodec.FromBytes(SecretEnvelopeCodec.ToBytes(Sample));

        Assert.Equal(Sample.KeyEncryptionKeyId, decoded.KeyEncryptionKeyId);
        Assert.Equal(7, decoded.KeyEncryptionKeyVersion);
        Assert.Equal(Sample.WrappedDataKey, decoded.WrappedDataKey);
        Assert.Equal(Sample.Nonce, decoded.Nonce);
        Assert.Equal(Sample.CiphertextAndTag, decoded.CiphertextAndTag);
    }

    [Fact]
    public void MissingKeyVersion_RoundTripsAsNull()
    {
        var envelope = Sample with { KeyEncryptionKeyVersion = null };

        var decoded = SecretEnvelopeCodec.FromBase64(SecretEnvelopeCodec.ToBase64(envelope));

        Assert.Null(decoded.KeyEncryptionKeyVersion);
    }

    [Fact]
    public async Task Base64Envelope_StillDecrypts()
    {
        var encryptor = NewEncryptor(NewEntry("kek-1"));
        var envelope = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        var decoded = SecretEnvelopeCodec.FromBase64(SecretEnvelopeCodec.ToBase64(envelope));
        using var plaintext = await encryptor.DecryptAsync(Coordinates, decoded, CancellationToken.None);

        Assert.Equal(Plaintext, plaintext.Span.ToArray());
    }

    [Fact]
    public void TruncatedBytes_AreRejected()
    {
        var bytes = SecretEnvelopeCodec.ToBytes(Sample);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FormatException>(() => SecretEnvelopeCodec.FromBytes(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        byte[] bytes = [.. SecretEnvelopeCodec.ToBytes(Sample), 0];

        var error = Assert.Throws<FormatException>(() => SecretEnvelopeCodec.FromBytes(bytes));

        Assert.Contains("1 unexpected trailing", error.Message);
    }

    [Fact]
    public void UnknownFormatVersion_IsRejected()
    {
        var bytes = SecretEnvelopeCodec.ToBytes(Sample);
        bytes[0] = 9;

        var error = Assert.Throws<FormatException>(() => SecretEnvelopeCodec.FromBytes(bytes));

        Assert.Contains("format version 9", error.Message);
    }
}
