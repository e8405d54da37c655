using OrleansConfig.Api.Identity;

namespace OrleansConfig.Tests.Identity;

public sealed class ApiKeyFormatTests
{
    private const string ValidId = "abcdefghijklmnop";
    private static readonly string ValidSecret = new string('a', 26) + "234567" + new string('z', 20);

    [Fact]
    public void Generate_ProducesParsableKey()
    {
        var (id, secret, key) = ApiKeyFormat.Generate();

        Assert.True(ApiKeyFormat.TryParse(key, out var parsedId, out var parsedSecret));
        Assert.Equal(id, parsedId);
        Assert.Equal(secret, parsedSecret);
        Assert.Equal(ApiKeyFormat.KeyLength, key.Length);
        Assert.StartsWith("oc_", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UsesOnlyBase32Alphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var (id, secret, _) = ApiKeyFormat.Generate();

            Assert.All(id + secret, c => Assert.Contains(c, ApiKeyFormat.Alphabet));
        }
    }

    [Fact]
    public void Generate_NeverRepeatsKeys()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.Generate().Key).ToHashSet();

        Assert.Equal(1000, keys.Count);
    }

    [Fact]
    public void TryParse_SplitsIdAndSecret()
    {
        Assert.True(ApiKeyFormat.TryParse($"oc_{ValidId}_{ValidSecret}", out var id, out var secret));
        Assert.Equal(ValidId, id);
        Assert.Equal(ValidSecret, secret);
    }

    public static TheoryData<string?> MalformedKeys() => new()
    {
        null,
        "",
        $"oc_{ValidId}{ValidSecret}",
        $"OC_{ValidId}_{ValidSecret}",
        $"ox_{ValidId}_{ValidSecret}",
        $"oc_{ValidId}-{ValidSecret}",
        $"oc_{ValidId[..15]}_{ValidSecret}a",
        $"oc_{ValidId}a_{ValidSecret[..51]}",
        $"oc_{ValidId}_{ValidSecret}a",
        $"oc_{ValidId}_{ValidSecret[..51]}",
        $"oc_{ValidId.ToUpperInvariant()}_{ValidSecret}",
        $"oc_{ValidId}_{ValidSecret[..51]}1",
        $"oc_{ValidId}_{ValidSecret[..51]}8",
        $"oc_{ValidId}_{ValidSecret[..51]}=",
        $"oc_{ValidId}_{ValidSecret[..51]}_",
        $"oc_{ValidId[..15]}0_{ValidSecret}",
        $" oc_{ValidId}_{ValidSecret[..51]}",
        $"oc_{ValidId}_{ValidSecret[..51]}\u00e9",
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public void TryParse_RejectsMalformedKey(string? key)
    {
        var parsed = ApiKeyFormat.TryParse(key, out var id, out var secret);

        Assert.False(parsed);
        Assert.Equal("", id);
        Assert.Equal("", secret);
    }

    [Fact]
    public void Hash_IsSha256OfAsciiSecret()
    {
        var hash = ApiKeyFormat.Hash("abc");

        // The SHA-256 of "abc", as `printf abc | sha256sum` prints it.
        const string expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_DiffersPerSecret()
    {
        var first = ApiKeyFormat.Hash(ApiKeyFormat.Generate().Secret);
        var second = ApiKeyFormat.Hash(ApiKeyFormat.Generate().Secret);

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(ValidId, true)]
    [InlineData("abcdefghijklmno", false)]
    [InlineData("abcdefghijklmnopq", false)]
    [InlineData("abcdefghijklmno1", false)]
    [InlineData("ABCDEFGHIJKLMNOP", false)]
    [InlineData("", false)]
    public void IsId_ChecksLengthAndAlphabet(string id, bool expected)
    {
        Assert.Equal(expected, ApiKeyFormat.IsId(id));
    }
}
