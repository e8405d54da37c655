using System.Buffers.Binary;
using System.Text;

namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// The record a secret version belongs to. Its canonical encoding is the associated data of the
/// value's AES-GCM encryption, so a ciphertext copied to another record fails to decrypt.
/// </summary>
public readonly record struct SecretCoordinates(
    string Namespace,
    string Environment,
    string Name,
    int Version)
{
    // Changing this label or the field order makes every stored envelope undecryptable.
    private const string EncodingLabel = "orleansconfig.secret.v1";

    /// <summary>
    /// Encodes the coordinates as associated data. Each string is written as a 4-byte big-endian
    /// length and its UTF-8 bytes, in this order: a fixed label, the format version (1 byte),
    /// namespace, environment, name. The version follows as a 4-byte big-endian integer.
    /// The length prefixes keep ("a:b", "c") and ("a", "b:c") apart.
    /// </summary>
    public byte[] ToAssociatedData(byte formatVersion)
    {
        Validate();

        using var stream = new MemoryStream();
        WriteString(stream, EncodingLabel);
        stream.WriteByte(formatVersion);
        WriteString(stream, Namespace);
        WriteString(stream, Environment);
        WriteString(stream, Name);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(version, Version);
        stream.Write(version);

        return stream.ToArray();
    }

    /// <summary>Returns "namespace/environment/name@version" for messages and logs.</summary>
    public override string ToString() => $"{Namespace}/{Environment}/{Name}@{Version}";

    private void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Namespace, nameof(Namespace));
        ArgumentException.ThrowIfNullOrEmpty(Environment, nameof(Environment));
        ArgumentException.ThrowIfNullOrEmpty(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfNegative(Version, nameof(Version));
    }

    private static void WriteString(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
