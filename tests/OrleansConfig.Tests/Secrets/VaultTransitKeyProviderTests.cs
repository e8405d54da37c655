using System.Security.Cryptography;
using System.Text;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;
using OrleansConfig.Secrets.Vault;
using static OrleansConfig.Tests.Secrets.SecretTestKeys;

namespace OrleansConfig.Tests.Secrets;

/// <summary>Runs the Vault Transit provider against <see cref="FakeVaultTransitServer"/>.</summary>
public sealed class VaultTransitKeyProviderTests : IAsyncLifetime
{
    private const string KeyName = "orleansconfig";

    private readonly HttpClient _httpClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private FakeVaultTransitServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeVaultTransitServer.StartAsync();
        _server.CreateKey(KeyName);
    }

    public async Task DisposeAsync()
    {
        _httpClient.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WrapUnwrap_RoundTrip()
    {
        var provider = NewProvider();
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = await provider.WrapAsync(dataKey, default, CancellationToken.None);
        var unwrapped = await provider.UnwrapAsync(wrapped.Ciphertext, wrapped.KeyId, default, CancellationToken.None);

        Assert.Equal(KeyName, wrapped.KeyId);
        Assert.Equal(1, wrapped.KeyVersion);
        Assert.StartsWith("vault:v1:", Encoding.ASCII.GetString(wrapped.Ciphertext));
        Assert.Equal(dataKey, unwrapped);
    }

    [Fact]
    public async Task Envelope_RoundTripsThroughVault()
    {
        var encryptor = new SecretEnvelopeEncryptor(NewProvider(sendContext: true));

        var envelope = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        using var plaintext = await encryptor.DecryptAsync(Coordinates, envelope, CancellationToken.None);

        Assert.Equal(KeyName, envelope.KeyEncryptionKeyId);
        Assert.Equal(1, envelope.KeyEncryptionKeyVersion);
        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task Rotation_OldVersionStillUnwraps()
    {
        var encryptor = new SecretEnvelopeEncryptor(NewProvider());
        var before = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        await RotateAsync();
        var after = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        using var plaintext = await encryptor.DecryptAsync(Coordinates, before, CancellationToken.None);

        Assert.Equal(2, after.KeyEncryptionKeyVersion);
        Assert.StartsWith("vault:v2:", Encoding.ASCII.GetString(after.WrappedDataKey));
        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task Rewrap_MovesToLatestVersion()
    {
        var encryptor = new SecretEnvelopeEncryptor(NewProvider());
        var envelope = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);
        await RotateAsync();

        var rewrapped = await encryptor.RewrapAsync(Coordinates, envelope, CancellationToken.None);
        using var plaintext = await encryptor.DecryptAsync(Coordinates, rewrapped, CancellationToken.None);

        Assert.Equal(1, envelope.KeyEncryptionKeyVersion);
        Assert.Equal(2, rewrapped.KeyEncryptionKeyVersion);
        Assert.Equal(envelope.CiphertextAndTag, rewrapped.CiphertextAndTag);
        Assert.Equal(PlaintextText, Encoding.UTF8.GetString(plaintext.Span));
    }

    [Fact]
    public async Task WrongContext_FailsWithVaultError()
    {
        var encryptor = new SecretEnvelopeEncryptor(NewProvider(sendContext: true));
        var envelope = await encryptor.EncryptAsync(Coordinates, Plaintext, CancellationToken.None);

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => encryptor.DecryptAsync(Coordinates with { Version = 9 }, envelope, CancellationToken.None));

        Assert.Contains("HTTP 400", error.Message);
        Assert.Contains("message authentication failed", error.Message);
        Assert.DoesNotContain(PlaintextText, error.Message);
    }

    [Fact]
    public void MissingToken_FailsAtConstruction()
    {
        var options = Options();
        options.Token = "";

        var error = Assert.Throws<ArgumentException>(() => new VaultTransitKeyProvider(_httpClient, options));

        Assert.Contains("Vault token is missing", error.Message);
    }

    [Fact]
    public async Task RejectedToken_FailsWith403()
    {
        var options = Options();
        options.Token = "wrong-token";
        var provider = new VaultTransitKeyProvider(_httpClient, options);

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => provider.WrapAsync(new byte[32], default, CancellationToken.None));

        Assert.Contains("HTTP 403: permission denied", error.Message);
        Assert.Contains("Check that the token is valid", error.Message);
        Assert.DoesNotContain("wrong-token", error.Message);
    }

    [Fact]
    public async Task ServerError_FailsWithVaultErrors()
    {
        var provider = NewProvider();
        _server.FailWithServerError = true;

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => provider.WrapAsync(new byte[32], default, CancellationToken.None));

        Assert.Contains("/v1/transit/encrypt/orleansconfig failed with HTTP 500: internal error", error.Message);
        Assert.Equal(KeyName, error.KeyId);
    }

    [Fact]
    public async Task UnknownTransitKey_FailsWith400()
    {
        var options = Options();
        options.KeyName = "missing-key";
        var provider = new VaultTransitKeyProvider(_httpClient, options);

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => provider.WrapAsync(new byte[32], default, CancellationToken.None));

        Assert.Contains("HTTP 400: encryption key not found", error.Message);
    }

    [Fact]
    public async Task OtherKeyId_FailsNamingIt()
    {
        var provider = NewProvider();

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => provider.UnwrapAsync(Encoding.ASCII.GetBytes("vault:v1:AAAA"), "kek-local", default,
                CancellationToken.None));

        Assert.Equal("kek-local", error.KeyId);
        Assert.Contains("'kek-local'", error.Message);
    }

    [Fact]
    public async Task NonVaultCiphertext_IsRejected()
    {
        var provider = NewProvider();

        var error = await Assert.ThrowsAsync<KeyEncryptionKeyProviderException>(
            () => provider.UnwrapAsync(new byte[60], KeyName, default, CancellationToken.None));

        Assert.Contains("vault:vN:", error.Message);
    }

    private VaultTransitOptions Options(bool sendContext = false) => new()
    {
        Address = _server.Address,
        Token = FakeVaultTransitServer.Token,
        KeyName = KeyName,
        SendContext = sendContext,
    };

    private VaultTransitKeyProvider NewProvider(bool sendContext = false) => new(_httpClient, Options(sendContext));

    private async Task RotateAsync()
    {
        var uri = new Uri(_server.Address, $"v1/transit/keys/{KeyName}/rotate");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Add("X-Vault-Token", FakeVaultTransitServer.Token);
        using var response = await _httpClient.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
