using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class EnvironmentGrainTests(GrainClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _ns = TestServices.NewNamespace();

    public Task InitializeAsync() => GrainClusterFixture.CreateEnvironmentAsync(fixture.Grains, _ns, "dev");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Snapshot_AfterWrite_ShowsValue()
    {
        await Put("A", "1");

        var snapshot = await Environment().GetSnapshot(null);

        var entry = Assert.Single(snapshot.Entries!);
        Assert.Equal("A", entry.Key);
        Assert.Equal("1", entry.Value);
    }

    [Fact]
    public async Task Revision_RisesByOnePerChange()
    {
        await Put("A", "1");
        await Put("B", "1");
        await Put("A", "2");
        await fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(_ns, "dev", "B"))
            .Delete(new ConfigDelete("test", null, WriteConditions.None));

        var snapshot = await Environment().GetSnapshot(null);

        Assert.Equal(4, snapshot.Revision);
        Assert.Equal(["A"], snapshot.Entries!.Select(e => e.Key));
    }

    [Fact]
    public async Task Revision_UnchangedWrite_StaysTheSame()
    {
        await Put("A", "1");
        var before = await Environment().GetRevision();

        await Put("A", "1");

        Assert.Equal(before, await Environment().GetRevision());
    }

    [Fact]
    public async Task Snapshot_Prefix_FiltersIgnoringCase()
    {
        await Put("Db:Host", "\"h\"");
        await Put("Db:Port", "5432");
        await Put("Cache:Ttl", "60");

        var snapshot = await Environment().GetSnapshot("db:");

        Assert.Equal(["Db:Host", "Db:Port"], snapshot.Entries!.Select(e => e.Key));
    }

    [Fact]
    public async Task Snapshot_MissingEnvironment_HasNoEntries()
    {
        var missing = fixture.Grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_ns, "missing"));

        var snapshot = await missing.GetSnapshot(null);

        Assert.Null(snapshot.Entries);
        Assert.Equal(-1, snapshot.Revision);
    }

    [Fact]
    public async Task Snapshot_AfterDeactivation_IsRebuiltFromStorage()
    {
        await Put("A", "1");
        await Put("A", "2");
        await Put("B", "\"x\"");
        await fixture.Cluster.DeactivateAsync(Environment());

        var snapshot = await Environment().GetSnapshot(null);

        Assert.Equal(3, snapshot.Revision);
        Assert.Equal(["A", "B"], snapshot.Entries!.Select(e => e.Key));
        Assert.Equal("2", snapshot.Entries![0].Value);
    }

    private IEnvironmentGrain Environment() =>
        fixture.Grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(_ns, "dev"));

    private Task<ConfigResult> Put(string key, string value) => fixture.Grains
        .GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(_ns, "dev", key))
        .Put(new ConfigPut(key, value, "test", null, WriteConditions.None));
}
