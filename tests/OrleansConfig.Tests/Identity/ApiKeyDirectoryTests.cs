using Orleans.Storage;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Identity;

/// <summary>
/// The key directory is one grain per service id, so each test that needs an empty directory
/// starts a cluster with a service id of its own.
/// </summary>
public sealed class ApiKeyDirectoryTests
{
    [Fact]
    public async Task Bootstrap_EmptyDirectory_CreatesKey()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var admin = TestKeys.GlobalAdmin();

        var created = await Directory(cluster.Client).Bootstrap(admin.Id, admin.Request);
        var result = await cluster.Client.GetGrain<IApiKeyGrain>(admin.Id).Authenticate(admin.Hash);

        Assert.True(created);
        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
        Assert.Equal([new Grant(Role.Admin)], result.Key!.Grants);
        Assert.Equal([admin.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task Bootstrap_SecondCall_CreatesNothing()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var first = TestKeys.GlobalAdmin();
        var second = TestKeys.GlobalAdmin();
        await Directory(cluster.Client).Bootstrap(first.Id, first.Request);

        var created = await Directory(cluster.Client).Bootstrap(second.Id, second.Request);

        Assert.False(created);
        Assert.Null(await cluster.Client.GetGrain<IApiKeyGrain>(second.Id).GetInfo());
        Assert.Equal([first.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task Bootstrap_AfterCreateKey_CreatesNothing()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var existing = TestKeys.Key(new Grant(Role.Viewer, "shop"));
        var admin = TestKeys.GlobalAdmin();
        await Directory(cluster.Client).CreateKey(existing.Id, existing.Request);

        var created = await Directory(cluster.Client).Bootstrap(admin.Id, admin.Request);

        Assert.False(created);
        Assert.Null(await cluster.Client.GetGrain<IApiKeyGrain>(admin.Id).GetInfo());
    }

    [Fact]
    public async Task Bootstrap_ExistingKeyId_ReturnsFalse()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var admin = TestKeys.GlobalAdmin();
        await cluster.Client.GetGrain<IApiKeyGrain>(admin.Id).Create(admin.Request);

        var created = await Directory(cluster.Client).Bootstrap(admin.Id, admin.Request);

        Assert.False(created);
        Assert.Equal([admin.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task Bootstrap_Concurrent_CreatesOneKey()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var admins = Enumerable.Range(0, 16).Select(_ => TestKeys.GlobalAdmin()).ToArray();

        var results = await Task.WhenAll(admins.Select(a => Directory(cluster.Client).Bootstrap(a.Id, a.Request)));
        var infos = await Task.WhenAll(admins.Select(a => cluster.Client.GetGrain<IApiKeyGrain>(a.Id).GetInfo()));
        var winner = admins[Array.IndexOf(results, true)];

        Assert.Single(results, created => created);
        Assert.Single(infos, info => info is not null);
        Assert.Equal([winner.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task Bootstrap_NonAdminRequest_Throws()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var key = TestKeys.Key(new Grant(Role.Admin, "shop"));

        await Assert.ThrowsAsync<ArgumentException>(() => Directory(cluster.Client).Bootstrap(key.Id, key.Request));
        Assert.Empty(await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task CreateKey_TakenId_ReturnsNull()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var key = TestKeys.Key();
        await Directory(cluster.Client).CreateKey(key.Id, key.Request);

        var second = await Directory(cluster.Client).CreateKey(key.Id, key.Request with { Name = "other" });

        Assert.Null(second);
        Assert.Equal([key.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task CreateKey_UnlistedKey_IsAdopted()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var orphan = TestKeys.Key();
        await cluster.Client.GetGrain<IApiKeyGrain>(orphan.Id).Create(orphan.Request);

        var created = await Directory(cluster.Client).CreateKey(orphan.Id, orphan.Request);

        Assert.Null(created);
        Assert.Equal([orphan.Id], await Directory(cluster.Client).ListKeyIds());
    }

    [Fact]
    public async Task Restart_KeepsKeysAndGrants()
    {
        var serviceId = TestServices.NewServiceId();
        var admin = TestKeys.GlobalAdmin();
        var key = TestKeys.Key(new Grant(Role.Viewer, "shop"));
        var revoked = TestKeys.Key();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await Directory(first.Client).Bootstrap(admin.Id, admin.Request);
            await Directory(first.Client).CreateKey(key.Id, key.Request);
            await Directory(first.Client).CreateKey(revoked.Id, revoked.Request);
            await first.Client.GetGrain<IApiKeyGrain>(key.Id).SetGrant(new Grant(Role.Operator, "shop", "prod"), "t");
            await first.Client.GetGrain<IApiKeyGrain>(revoked.Id).Revoke("t");
        }

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var adminResult = await second.Client.GetGrain<IApiKeyGrain>(admin.Id).Authenticate(admin.Hash);
        var keyResult = await second.Client.GetGrain<IApiKeyGrain>(key.Id).Authenticate(key.Hash);
        var revokedResult = await second.Client.GetGrain<IApiKeyGrain>(revoked.Id).Authenticate(revoked.Hash);
        var bootstrapAgain = await Directory(second.Client).Bootstrap(TestKeys.GlobalAdmin().Id, admin.Request);

        Assert.Equal(AuthenticationStatus.Authenticated, adminResult.Status);
        Assert.Equal(AuthenticationStatus.Authenticated, keyResult.Status);
        Assert.Equal([new Grant(Role.Viewer, "shop"), new Grant(Role.Operator, "shop", "prod")], keyResult.Key!.Grants);
        Assert.Equal(AuthenticationStatus.Revoked, revokedResult.Status);
        Assert.False(bootstrapAgain);
        Assert.Equal([admin.Id, key.Id, revoked.Id], await Directory(second.Client).ListKeyIds());
    }

    /// <summary>
    /// Two clusters on the same rows act as two activations of one key during a silo failure. The
    /// stale one loses its write and is deactivated, so the retry reads the row and keeps both grants.
    /// </summary>
    [Fact]
    public async Task StaleActivation_RereadsAfterConflict()
    {
        var serviceId = TestServices.NewServiceId();
        var key = TestKeys.Key();
        await using var first = await GrainClusterFixture.StartAsync(serviceId);
        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        await Directory(first.Client).CreateKey(key.Id, key.Request);
        var stale = second.Client.GetGrain<IApiKeyGrain>(key.Id);
        Assert.NotNull(await stale.GetInfo());
        await first.Client.GetGrain<IApiKeyGrain>(key.Id).SetGrant(new Grant(Role.Viewer, "shop"), "t");

        var conflict = await Record.ExceptionAsync(() => stale.SetGrant(new Grant(Role.Operator, "billing"), "t"));
        var retried = await stale.SetGrant(new Grant(Role.Operator, "billing"), "t");

        Assert.IsType<InconsistentStateException>(conflict);
        Assert.Equal(2, retried!.Grants.Count);
        Assert.Contains(new Grant(Role.Viewer, "shop"), retried.Grants);
    }

    private static IApiKeyDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IApiKeyDirectoryGrain>(0);
}
