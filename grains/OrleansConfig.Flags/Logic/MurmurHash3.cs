using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace OrleansConfig.Flags.Logic;

/// <summary>MurmurHash3 x86 32-bit (Austin Appleby's MurmurHash3_x86_32) over the UTF-8 bytes of a string.</summary>
internal static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;
    private const int StackLimit = 256;

    public static uint Hash(string text, uint seed = 0) => Hash(text, string.Empty, seed);

    /// <summary>
    /// Hashes the UTF-8 bytes of <paramref name="first"/> followed by those of <paramref
    /// name="second"/>.
    /// </summary>
    public static uint Hash(string first, string second, uint seed = 0)
    {
        var length = Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(second);
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(first, bytes);
        Encoding.UTF8.GetBytes(second, bytes[written..]);
        var hash = Hash(bytes[..length], seed);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    public static uint Hash(ReadOnlySpan<byte> data, uint seed = 0)
    {
        var h1 = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            h1 ^= Scramble(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4)));
            h1 = BitOperations.RotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k = 0;
        switch (tail.Length)
        {
            case 3:
                k ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k ^= tail[0];
                h1 ^= Scramble(k);
                break;
        }

        h1 ^= (uint)data.Length;

        return FinalMix(h1);
    }

    private static uint Scramble(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);

        return k * C2;
    }

    private static uint FinalMix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;

        return h ^ (h >> 16);
    }
}
