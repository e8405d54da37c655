using System.Security.Cryptography;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Tests.Secrets;

public sealed class LocalKeyringLoaderTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Parse_ReadsEntriesAndActiveKey()
    {
        using var keyring = LocalKeyringLoader.Parse($"a:{KeyA}, b:{KeyB}", "b");

        Assert.Equal("b", keyring.ActiveKeyId);
        Assert.Equal(["a", "b"], keyring.KeyIds.Order());
    }

    [Fact]
    public void Parse_SingleKeyBecomesActive()
    {
        using var keyring = LocalKeyringLoader.Parse($"only:{KeyA}", null);

        Assert.Equal("only", keyring.ActiveKeyId);
    }

    [Fact]
    public void Parse_SeveralKeysNeedActiveKey()
    {
        var error = Assert.Throws<FormatException>(() => LocalKeyringLoader.Parse($"a:{KeyA},b:{KeyB}", null));

        Assert.Contains(LocalKeyringLoader.ActiveKeyVariable, error.Message);
    }

    [Fact]
    public void Parse_ShortKeyIsRejected()
    {
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

        var error = Assert.Throws<ArgumentException>(() => LocalKeyringLoader.Parse($"a:{shortKey}", null));

        Assert.Contains("'a' is 16 bytes", error.Message);
        Assert.DoesNotContain(shortKey, error.Message);
    }

    [Fact]
    public void Parse_BadBase64NotEchoed()
    {
        const string notBase64 = "not*base64*key*material";

        var error = Assert.Throws<FormatException>(() => LocalKeyringLoader.Parse($"a:{notBase64}", null));

        Assert.Contains("'a' is not valid base64", error.Message);
        Assert.DoesNotContain(notBase64, error.Message);
    }

    [Fact]
    public void Parse_DuplicateIdIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LocalKeyringLoader.Parse($"a:{KeyA},a:{KeyB}", "a"));

        Assert.Contains("'a' appears more than once", error.Message);
    }

    [Fact]
    public async Task JsonFile_ReadsRetiredKeys()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $$"""
                {"activeKeyId": "b", "keys": [
                  {"id": "a", "key": "{{KeyA}}", "retired": true},
                  {"id": "b", "key": "{{KeyB}}"}]}
                """);

            using var keyring = LocalKeyringLoader.FromJsonFile(path);
            var provider = new LocalKeyringProvider(keyring);

            Assert.Equal("b", keyring.ActiveKeyId);
            var error = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
                () => provider.UnwrapAsync(new byte[60], "a", default, CancellationToken.None));
            Assert.Equal("a", error.KeyId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
