using System.Security.Cryptography;
using System.Text;
using OrleansConfig.Secrets.Envelope;
using static OrleansConfig.Tests.Secrets.SecretTestKeys;

namespace OrleansConfig.Tests.Secrets;

public sealed class SecretFingerprinterTests
{
    private readonly SecretFingerprinter _fingerprinter = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void EqualValues_HaveEqualFingerprints()
    {
        var first = _fingerprinter.Compute(Plaintext);
        var second = _fingerprinter.Compute(Plaintext);

        Assert.True(SecretFingerprinter.AreEqual(first, second));
    }

    [Fact]
    public void DifferentValues_HaveDifferentFingerprints()
    {
        var first = _fingerprinter.Compute(Plaintext);
        var second = _fingerprinter.Compute(Encoding.UTF8.GetBytes(PlaintextText + "x"));

        Assert.False(SecretFingerprinter.AreEqual(first, second));
    }

    [Fact]
    public void OtherKey_GivesOtherFingerprint()
    {
        using var other = new SecretFingerprinter(RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(_fingerprinter.Compute(Plaintext), other.Compute(Plaintext));
    }

    [Fact]
    public void Fingerprint_IsKeyedNotPlainHash()
    {
        var fingerprint = _fingerprinter.Compute(Plaintext);

        Assert.Equal(64, fingerprint.Length);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Plaintext)), fingerprint);
        Assert.DoesNotContain(PlaintextText, fingerprint);
    }

    [Fact]
    public void ShortKey_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretFingerprinter(new byte[16]));

        Assert.Contains("16 bytes", error.Message);
    }
}
