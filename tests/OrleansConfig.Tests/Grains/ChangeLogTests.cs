using Npgsql;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Grains;

/// <summary>
/// The environment's change log in PostgreSQL: versions durable in key rows but never sequenced (the
/// silo died between the two writes) are found by the next activation, and an environment whose keys
/// predate its log starts the log at the sum of their versions.
/// </summary>
public sealed class ChangeLogTests
{
    [Fact]
    public async Task Activation_SequencesVersionsTheLogLacks()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "prod");
            await PutAsync(first.Client, ns, "A", "1", "2");
            await PutAsync(first.Client, ns, "B", "10", "20", "30");
        }

        // As if the silo died after B's rows were written but before any of B was sequenced.
        await ExecuteAsync(serviceId, ns, """
            DELETE FROM orleansconfig_change_log WHERE service_id = $1 AND namespace = $2 AND revision > 2;
            DELETE FROM orleansconfig_change_versions WHERE service_id = $1 AND namespace = $2 AND item_key = 'b';
            UPDATE orleansconfig_change_heads SET head = 2 WHERE service_id = $1 AND namespace = $2;
            """);

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var environment = second.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"));
        var page = await environment.GetChanges(0, 100);

        Assert.False(page.Resync);
        Assert.Equal(5, page.Head);
        Assert.Equal([1, 2, 3, 4, 5], page.Events.Select(e => e.Revision));
        Assert.Equal(["A1", "A2", "B1", "B2", "B3"], page.Events.Select(e => $"{e.Key}{e.Version}"));
        Assert.Equal(["1", "2", "10", "20", "30"], page.Events.Select(e => e.Value));
        Assert.All(page.Events, e => Assert.Equal(ChangeKind.Config, e.Kind));
        Assert.Equal(5, (await environment.GetSnapshot(null)).Revision);

        // The log itself was repaired: a third activation reads the same events.
        await using var third = await GrainClusterFixture.StartAsync(serviceId);
        var reread =
            await third.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod")).GetChanges(2, 100);
        Assert.Equal(["B1", "B2", "B3"], reread.Events.Select(e => $"{e.Key}{e.Version}"));
    }

    [Fact]
    public async Task EnvironmentWithoutLog_StartsAtSumOfVersions()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "prod");
            await PutAsync(first.Client, ns, "A", "1", "2");
            await PutAsync(first.Client, ns, "B", "1");
        }

        await ExecuteAsync(serviceId, ns, """
            DELETE FROM orleansconfig_change_log WHERE service_id = $1 AND namespace = $2;
            DELETE FROM orleansconfig_change_versions WHERE service_id = $1 AND namespace = $2;
            DELETE FROM orleansconfig_change_heads WHERE service_id = $1 AND namespace = $2;
            """);

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var environment = second.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"));
        var older = await environment.GetChanges(0, 100);
        Assert.True(older.Resync);
        Assert.Equal(3, older.Head);
        Assert.Equal(4, older.FirstRetained);

        await PutAsync(second.Client, ns, "A", "3");
        var newer = await environment.GetChanges(3, 100);
        var change = Assert.Single(newer.Events);
        Assert.Equal((4L, "A", 3), (change.Revision, change.Key, change.Version));
    }

    [Fact]
    public async Task RepeatedReport_IsSequencedOnce()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using var cluster = await GrainClusterFixture.StartAsync(serviceId);
        await GrainClusterFixture.CreateEnvironmentAsync(cluster.Client, ns, "prod");
        await PutAsync(cluster.Client, ns, "A", "1");
        var environment = cluster.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"));
        var version =
            new ChangeEvent(0, ChangeKind.Config, "A", 1, "1", false, "test", DateTimeOffset.UtcNow, null, null);

        var repeated = await environment.Report(new ChangeReport(ChangeKind.Config, "A", [version]));
        var gap = await environment.Report(new ChangeReport(ChangeKind.Config, "A", [version with { Version = 3 }]));

        Assert.Equal((true, 1L, 1), (repeated.Accepted, repeated.Revision, repeated.KnownVersion));
        Assert.Equal((false, 1L, 1), (gap.Accepted, gap.Revision, gap.KnownVersion));
        Assert.Single((await environment.GetChanges(0, 100)).Events);
    }

    private static async Task PutAsync(IGrainFactory grains, string ns, string key, params string[] values)
    {
        var grain = grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", key));
        foreach (var value in values)
        {
            var result = await grain.Put(new ConfigPut(key, value, "test", null, WriteConditions.None));
            Assert.True(result.IsSuccess, result.Detail);
        }
    }

    /// <summary>Runs statements whose parameters $1 and $2 are the service id and the namespace.</summary>
    internal static async Task ExecuteAsync(string serviceId, string ns, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var batch = dataSource.CreateBatch();
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            command.Parameters.Add(new NpgsqlParameter { Value = ns });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }
}
