using System.Buffers.Binary;
using System.Text;

namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// Converts a <see cref="SecretEnvelope"/> to a compact binary form and back. Layout, all
/// integers big-endian: format version (1 byte), key-encryption key id (2-byte length, UTF-8),
/// key-encryption key version (4 bytes, 0 when none), wrapped data key (2-byte length, bytes),
/// nonce (12 bytes), ciphertext and tag (4-byte length, bytes).
/// </summary>
public static class SecretEnvelopeCodec
{
    /// <summary>Writes the envelope in the binary form.</summary>
    public static byte[] ToBytes(SecretEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);

        var keyId = Encoding.UTF8.GetBytes(envelope.KeyEncryptionKeyId);
        var size = 1 + 2 + keyId.Length + 4 + 2 + envelope.WrappedDataKey.Length
            + SecretEnvelope.NonceSize + 4 + envelope.CiphertextAndTag.Length;
        var bytes = new byte[size];
        var writer = new Span<byte>(bytes);

        writer[0] = envelope.FormatVersion;
        writer = writer[1..];
        writer = WriteBlock16(writer, keyId);
        BinaryPrimitives.WriteInt32BigEndian(writer, envelope.KeyEncryptionKeyVersion ?? 0);
        writer = writer[4..];
        writer = WriteBlock16(writer, envelope.WrappedDataKey);
        envelope.Nonce.CopyTo(writer);
        writer = writer[SecretEnvelope.NonceSize..];
        BinaryPrimitives.WriteInt32BigEndian(writer, envelope.CiphertextAndTag.Length);
        envelope.CiphertextAndTag.CopyTo(writer[4..]);

        return bytes;
    }

    /// <summary>Reads an envelope written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">The bytes are truncated, too long or of an unknown format.</exception>
    public static SecretEnvelope FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new EnvelopeReader(bytes);

        var formatVersion = reader.ReadByte();
        if (formatVersion != SecretEnvelope.CurrentFormatVersion)
        {
            throw new FormatException(
                $"Secret envelope format version {formatVersion} is not supported; " +
                $"this library reads version {SecretEnvelope.CurrentFormatVersion}.");
        }

        var keyId = Encoding.UTF8.GetString(reader.ReadBlock(reader.ReadUInt16()));
        var keyVersion = reader.ReadInt32();
        var wrappedDataKey = reader.ReadBlock(reader.ReadUInt16()).ToArray();
        var nonce = reader.ReadBlock(SecretEnvelope.NonceSize).ToArray();
        var ciphertext = reader.ReadBlock(reader.ReadInt32()).ToArray();
        reader.EnsureEnd();

        return new SecretEnvelope(
            formatVersion, keyId, keyVersion == 0 ? null : keyVersion, wrappedDataKey, nonce, ciphertext);
    }

    /// <summary>Writes the binary form as standard base64, for text columns and JSON.</summary>
    public static string ToBase64(SecretEnvelope envelope) => Convert.ToBase64String(ToBytes(envelope));

    /// <summary>Reads an envelope written by <see cref="ToBase64"/>.</summary>
    /// <exception cref="FormatException">The text is not base64 or not a valid envelope.</exception>
    public static SecretEnvelope FromBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        return FromBytes(Convert.FromBase64String(text));
    }

    private static Span<byte> WriteBlock16(Span<byte> writer, ReadOnlySpan<byte> block)
    {
        if (block.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"An envelope field is longer than {ushort.MaxValue} bytes.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(writer, (ushort)block.Length);
        block.CopyTo(writer[2..]);

        return writer[(2 + block.Length)..];
    }

    private ref struct EnvelopeReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _remaining = bytes;

        public byte ReadByte() => ReadBlock(1)[0];

        public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBlock(2));

        public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(ReadBlock(4));

        public ReadOnlySpan<byte> ReadBlock(int length)
        {
            if (length < 0 || length > _remaining.Length)
            {
                throw new FormatException("Secret envelope is truncated or has an invalid field length.");
            }

            var block = _remaining[..length];
            _remaining = _remaining[length..];

            return block;
        }

        public readonly void EnsureEnd()
        {
            if (!_remaining.IsEmpty)
            {
                throw new FormatException($"Secret envelope has {_remaining.Length} unexpected trailing bytes.");
            }
        }
    }
}
