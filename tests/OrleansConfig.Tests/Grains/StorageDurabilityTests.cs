using Microsoft.Extensions.Time.Testing;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Grains;

/// <summary>State that must outlive the cluster that wrote it, read back by a new cluster.</summary>
public sealed class StorageDurabilityTests
{
    [Fact]
    public async Task Restart_KeepsEveryVersion()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "prod");
            var grain = first.Client.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", "Timeout"));
            foreach (var value in new[] { "1", "2", "3" })
            {
                await grain.Put(new ConfigPut("Timeout", value, "test", null, WriteConditions.None));
            }

            await grain.Delete(new ConfigDelete("test", "gone", WriteConditions.None));
        }

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var key = second.Client.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", "timeout"));
        var history = await key.GetVersions(null, 10);
        var environment = await second.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod")).GetInfo();

        Assert.Equal("Timeout", history.Key);
        Assert.Equal([4, 3, 2, 1], history.Versions.Select(v => v.Version));
        Assert.Equal([null, "3", "2", "1"], history.Versions.Select(v => v.Value));
        Assert.Equal(4, environment!.Revision);
        Assert.Equal(0, environment.KeyCount);
    }

    [Fact]
    public async Task Catalog_SurvivesRestart()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "staging");
        }

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var info = await second.Client.GetGrain<ICatalogGrain>(0).GetNamespace(ns);

        Assert.Equal(["staging"], info!.Environments);
    }

    [Fact]
    public async Task UpdatedAt_ComesFromTimeProvider()
    {
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var ns = TestServices.NewNamespace();
        var clock = new FakeTimeProvider(now);
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId(), time: clock);
        await GrainClusterFixture.CreateEnvironmentAsync(cluster.Client, ns, "dev");

        var result = await cluster.Client.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "dev", "Clock"))
            .Put(new ConfigPut("Clock", "1", "test", null, WriteConditions.None));

        Assert.Equal(now, result.Current!.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, result.Current.UpdatedAt.Offset);
    }

    /// <summary>
    /// A second cluster on the same rows plays a silo that wrote a key and died before reporting it.
    /// The environment grain of the first cluster never receives the write and must find it in
    /// storage.
    /// </summary>
    [Fact]
    public async Task Reconcile_FindsUnreportedWrite()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using var observer = await GrainClusterFixture.StartAsync(serviceId, TimeSpan.FromMilliseconds(300));
        await GrainClusterFixture.CreateEnvironmentAsync(observer.Client, ns, "dev");
        var environment = observer.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "dev"));
        Assert.Equal(0, await environment.GetRevision());

        await using (var writer = await GrainClusterFixture.StartAsync(serviceId))
        {
            await writer.Client.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "dev", "Late"))
                .Put(new ConfigPut("Late", "42", "test", null, WriteConditions.None));
        }

        var snapshot = await WaitForRevisionAsync(environment, 1, TimeSpan.FromSeconds(30));

        Assert.Equal("42", Assert.Single(snapshot.Entries!).Value);
    }

    private static async Task<EnvironmentSnapshot> WaitForRevisionAsync(
        IEnvironmentGrain environment, long revision, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await environment.GetSnapshot(null);
            if (snapshot.Revision >= revision || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(100);
        }
    }
}
