using System.Security.Cryptography;
using System.Text;
using OrleansConfig.Api.Security;

namespace OrleansConfig.Tests.Security;

public sealed class BearerKeyTests
{
    private const string Id = "abcdefghijklmn23";
    private const string Secret = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";

    [Fact]
    public void WellFormedKey_ParsesIdAndHash()
    {
        var parsed = BearerKey.TryParse($"oc_{Id}_{Secret}", out var id, out var hash);

        Assert.True(parsed);
        Assert.Equal(Id, id);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(Secret)), hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("oc_")]
    [InlineData("oc_abcdefghijklmn23abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("OC_abcdefghijklmn23_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("oc_Abcdefghijklmn23_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("oc_abcdefghijklmn21_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("oc_abcdefghijklmn23_abcdefghijklmnopqrstuvwxyz234568abcdefghijklmnopqrst")]
    [InlineData("oc_abcdefghijklmn23_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrs")]
    [InlineData("oc_abcdefghijklmn23_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu")]
    [InlineData("oc_abcdefghijklmn23-abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    public void MalformedKey_IsRejected(string? token)
    {
        Assert.False(BearerKey.TryParse(token, out _, out _));
    }
}
