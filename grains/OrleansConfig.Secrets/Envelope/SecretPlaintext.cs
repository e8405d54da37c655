using System.Security.Cryptography;

namespace OrleansConfig.Secrets.Envelope;

/// <summary>
/// A decrypted secret value in a pinned buffer that <see cref="Dispose"/> zeroes. Its
/// <see cref="ToString"/> shows the length only, so logging the object does not reveal the value.
/// </summary>
public sealed class SecretPlaintext : IDisposable
{
    private readonly byte[] _buffer;
    private bool _disposed;

    private SecretPlaintext(int length)
    {
        // Pinned so the garbage collector does not leave unzeroed copies behind when compacting.
        _buffer = GC.AllocateArray<byte>(length, pinned: true);
    }

    /// <summary>Length of the value in bytes.</summary>
    public int Length => _buffer.Length;

    /// <summary>The value, which throws <see cref="ObjectDisposedException"/> after disposal.</summary>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            return _buffer;
        }
    }

    /// <summary>Copies <paramref name="value"/> into a new pinned buffer.</summary>
    public static SecretPlaintext Copy(ReadOnlySpan<byte> value)
    {
        var plaintext = new SecretPlaintext(value.Length);
        value.CopyTo(plaintext._buffer);

        return plaintext;
    }

    internal static SecretPlaintext Allocate(int length) => new(length);

    internal Span<byte> Writable => _buffer;

    /// <summary>Zeroes the buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_buffer);
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"SecretPlaintext({Length} bytes, redacted)";
}
