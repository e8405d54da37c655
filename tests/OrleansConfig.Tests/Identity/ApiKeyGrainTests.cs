using OrleansConfig.Api.Identity;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Identity;

[Collection(GrainClusterCollection.Name)]
public sealed class ApiKeyGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Authenticate_RightSecret_Succeeds()
    {
        var key = await CreateAsync(TestKeys.Key(new Grant(Role.Viewer, "shop")));

        var result = await Grain(key).Authenticate(key.Hash);

        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(key.Id, result.Key!.Id);
        Assert.Equal([new Grant(Role.Viewer, "shop")], result.Key.Grants);
    }

    [Fact]
    public async Task Authenticate_WrongSecret_IsInvalid()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());

        var result = await Grain(key).Authenticate(ApiKeyFormat.Hash(ApiKeyFormat.Generate().Secret));

        Assert.Equal(AuthenticationStatus.Invalid, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public async Task Authenticate_UnknownId_IsInvalid()
    {
        var key = TestKeys.GlobalAdmin();

        var result = await Grain(key).Authenticate(key.Hash);

        Assert.Equal(AuthenticationStatus.Invalid, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public async Task Authenticate_ShortHash_IsInvalid()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());

        var result = await Grain(key).Authenticate(key.Hash[..16]);

        Assert.Equal(AuthenticationStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Authenticate_PastExpiry_IsExpired()
    {
        var key = await CreateAsync(TestKeys.Create(ApiKeyKind.Key, DateTimeOffset.UtcNow.AddMinutes(-1), []));

        var result = await Grain(key).Authenticate(key.Hash);

        Assert.Equal(AuthenticationStatus.Expired, result.Status);
    }

    [Fact]
    public async Task Authenticate_AfterExpiryPasses_IsExpired()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var key = await CreateAsync(TestKeys.Create(ApiKeyKind.Key, expiresAt, []));
        var before = await Grain(key).Authenticate(key.Hash);

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        var after = await Grain(key).Authenticate(key.Hash);

        Assert.Equal(AuthenticationStatus.Authenticated, before.Status);
        Assert.Equal(AuthenticationStatus.Expired, after.Status);
    }

    [Fact]
    public async Task Authenticate_Revoked_IsRevoked()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());
        var revoked = await Grain(key).Revoke("tester");

        var result = await Grain(key).Authenticate(key.Hash);

        Assert.Equal(AuthenticationStatus.Revoked, result.Status);
        Assert.Equal("tester", revoked!.RevokedBy);
        Assert.NotNull(revoked.RevokedAt);
    }

    [Fact]
    public async Task Authenticate_RevokedWrongSecret_IsInvalid()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());
        await Grain(key).Revoke("tester");

        var result = await Grain(key).Authenticate(ApiKeyFormat.Hash(ApiKeyFormat.Generate().Secret));

        Assert.Equal(AuthenticationStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Revoke_Twice_KeepsFirstRevocation()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());
        var first = await Grain(key).Revoke("first");

        var second = await Grain(key).Revoke("second");

        Assert.Equal("first", second!.RevokedBy);
        Assert.Equal(first!.RevokedAt, second.RevokedAt);
    }

    [Fact]
    public async Task Revoke_UnknownKey_ReturnsNull()
    {
        Assert.Null(await Grain(TestKeys.GlobalAdmin()).Revoke("tester"));
    }

    [Fact]
    public async Task Create_SameIdTwice_ReturnsNull()
    {
        var key = await CreateAsync(TestKeys.GlobalAdmin());

        var second = await Grain(key).Create(key.Request with { Name = "other" });

        Assert.Null(second);
        Assert.Equal("test key", (await Grain(key).GetInfo())!.Name);
    }

    [Fact]
    public async Task Create_StoresMetadata()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        var key = TestKeys.Create(ApiKeyKind.Key, expiresAt, [new Grant(Role.Operator, "shop", "prod")]);

        var info = await Grain(key).Create(key.Request);

        Assert.Equal(key.Id, info!.Id);
        Assert.Equal("tests", info.Owner);
        Assert.Equal(ApiKeyKind.Key, info.Kind);
        Assert.Equal("test", info.CreatedBy);
        Assert.Equal("ApiKey:creator", info.CreatorId);
        Assert.Equal(expiresAt, info.ExpiresAt);
        Assert.Null(info.RevokedAt);
    }

    [Fact]
    public async Task Create_DuplicateScope_Throws()
    {
        var key = TestKeys.Key(new Grant(Role.Viewer, "shop"), new Grant(Role.Admin, "shop"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Grain(key).Create(key.Request));

        Assert.Contains("namespace 'shop'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetGrant_SameScope_ReplacesRole()
    {
        var key = await CreateAsync(TestKeys.Key(
            new Grant(Role.Viewer, "shop"), new Grant(Role.Viewer, "shop", "prod")));

        var info = await Grain(key).SetGrant(new Grant(Role.Admin, "shop"), "tester");

        Assert.Equal(2, info!.Grants.Count);
        Assert.Contains(new Grant(Role.Admin, "shop"), info.Grants);
        Assert.Contains(new Grant(Role.Viewer, "shop", "prod"), info.Grants);
    }

    [Fact]
    public async Task SetGrant_NewScope_AddsGrant()
    {
        var key = await CreateAsync(TestKeys.Key(new Grant(Role.Viewer, "shop")));

        var info = await Grain(key).SetGrant(new Grant(Role.Operator, "billing", "dev"), "tester");

        Assert.Equal(2, info!.Grants.Count);
        Assert.Contains(new Grant(Role.Operator, "billing", "dev"), info.Grants);
    }

    [Fact]
    public async Task SetGrant_RevokedKey_ReturnsNull()
    {
        var key = await CreateAsync(TestKeys.Key());
        await Grain(key).Revoke("tester");

        Assert.Null(await Grain(key).SetGrant(new Grant(Role.Viewer), "tester"));
    }

    [Fact]
    public async Task SetGrant_InvalidName_Throws()
    {
        var key = await CreateAsync(TestKeys.Key());

        var grant = new Grant(Role.Viewer, "Shop");

        await Assert.ThrowsAsync<ArgumentException>(() => Grain(key).SetGrant(grant, "tester"));
    }

    [Fact]
    public async Task RemoveGrant_RemovesOnlyExactScope()
    {
        var key = await CreateAsync(TestKeys.Key(
            new Grant(Role.Viewer, "shop"), new Grant(Role.Viewer, "shop", "prod")));

        var info = await Grain(key).RemoveGrant("shop", null, "tester");

        Assert.Equal([new Grant(Role.Viewer, "shop", "prod")], info!.Grants);
    }

    [Fact]
    public async Task RemoveGrant_MissingScope_ChangesNothing()
    {
        var key = await CreateAsync(TestKeys.Key(new Grant(Role.Viewer, "shop")));

        var info = await Grain(key).RemoveGrant(null, null, "tester");

        Assert.Equal([new Grant(Role.Viewer, "shop")], info!.Grants);
    }

    [Fact]
    public async Task ServiceToken_RejectsSetGrant()
    {
        var token = await CreateAsync(TestKeys.Token(Role.Viewer, "shop", "prod"));

        var grant = new Grant(Role.Viewer, "other");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Grain(token).SetGrant(grant, "t"));
        var info = await Grain(token).GetInfo();

        Assert.Equal([new Grant(Role.Viewer, "shop", "prod")], info!.Grants);
    }

    [Fact]
    public async Task ServiceToken_RejectsRemoveGrant()
    {
        var token = await CreateAsync(TestKeys.Token(Role.Operator, "shop", "prod"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Grain(token).RemoveGrant("shop", "prod", "t"));
        var info = await Grain(token).GetInfo();

        Assert.Equal([new Grant(Role.Operator, "shop", "prod")], info!.Grants);
    }

    [Theory]
    [InlineData(Role.Admin, "shop", "prod")]
    [InlineData(Role.Viewer, "shop", null)]
    [InlineData(Role.Viewer, null, null)]
    public async Task ServiceToken_BadGrant_Throws(Role role, string? ns, string? env)
    {
        var token = TestKeys.Create(ApiKeyKind.ServiceToken, null, [new Grant(role, ns, env)]);

        await Assert.ThrowsAsync<ArgumentException>(() => Grain(token).Create(token.Request));
        Assert.Null(await Grain(token).GetInfo());
    }

    [Fact]
    public async Task ServiceToken_TwoGrants_Throws()
    {
        var grants = new[] { new Grant(Role.Viewer, "shop", "prod"), new Grant(Role.Viewer, "shop", "dev") };
        var token = TestKeys.Create(ApiKeyKind.ServiceToken, null, grants);

        await Assert.ThrowsAsync<ArgumentException>(() => Grain(token).Create(token.Request));
    }

    private IApiKeyGrain Grain(TestKeys.NewKey key) => fixture.Grains.GetGrain<IApiKeyGrain>(key.Id);

    private async Task<TestKeys.NewKey> CreateAsync(TestKeys.NewKey key)
    {
        var info = await fixture.Grains.GetGrain<IApiKeyDirectoryGrain>(0).CreateKey(key.Id, key.Request);
        Assert.NotNull(info);

        return key;
    }
}
