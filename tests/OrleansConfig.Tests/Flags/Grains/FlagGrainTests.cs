using Npgsql;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Grains;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Flags.Grains;

/// <summary>
/// The flag grain against a real PostgreSQL: definitions are checked before they are stored, every change
/// is a version sequenced by the environment, lifecycle changes keep the definition, and the stored row
/// survives a restart of the cluster.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class FlagGrainTests(GrainClusterFixture fixture)
{
    internal const string Toggle = """
        {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
         "description": "New checkout", "owner": "payments", "tags": ["checkout"], "type": "release"}
        """;

    internal const string Rollout = """
        {"state": "ENABLED", "variants": {"a": "red", "b": "green", "c": "blue"}, "defaultVariant": "a",
         "targeting": {"fractional": [["a", 10], ["b", 20], ["c", 70]]}}
        """;

    [Fact]
    public async Task Put_StoresTheDocumentAndTheEnvironmentListsIt()
    {
        var (ns, flag) = await NewFlagAsync("new-checkout");

        var result = await flag.Put(Write("new-checkout", Toggle));

        Assert.Equal(ConfigStatus.Created, result.Status);
        var document = FlagDocument.Read("new-checkout", result.Current!.Value!).Definition!;
        Assert.Equal(("New checkout", "payments", "release", "active"),
            (document.Description, document.Owner, document.Type, document.Lifecycle));
        var items = await Environment(ns).GetItems(ChangeKind.Flag, -1);
        var entry = Assert.Single(items.Entries!);
        Assert.Equal(("new-checkout", 1), (entry.Key, entry.Version));
        var change = Assert.Single((await Environment(ns).GetChanges(0, 10)).Events);
        Assert.Equal((ChangeKind.Flag, "new-checkout", 1), (change.Kind, change.Key, change.Version));
        Assert.Empty((await Environment(ns).GetItems(ChangeKind.Config, -1)).Entries!);
    }

    [Fact]
    public async Task Put_RefusesAnInvalidDefinitionWithItsPath()
    {
        var (_, flag) = await NewFlagAsync("broken");

        var result = await flag.Put(Write("broken",
            """{"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "missing"}"""));

        Assert.Equal(ConfigStatus.InvalidValue, result.Status);
        Assert.Contains("$['defaultVariant']", result.Detail, StringComparison.Ordinal);
        Assert.Contains("'missing'", result.Detail, StringComparison.Ordinal);
        Assert.Equal(ConfigStatus.NotFound, (await flag.Get(null)).Status);
    }

    [Fact]
    public async Task Put_OfTheSameDocumentIsUnchanged()
    {
        var (_, flag) = await NewFlagAsync("same");
        await flag.Put(Write("same", Toggle));

        var again = await flag.Put(Write("same", Toggle));

        Assert.Equal((ConfigStatus.Unchanged, 1), (again.Status, again.LatestVersion));
    }

    [Fact]
    public async Task Archive_RefusesChangesUntilRestored()
    {
        var (_, flag) = await NewFlagAsync("old-banner");
        await flag.Put(Write("old-banner", Toggle));

        var archived =
            await flag.SetLifecycle(new FlagLifecycleChange("archived", "alice", null, WriteConditions.None));
        var refused = await flag.Put(Write("old-banner", Toggle.Replace("\"off\"}", "\"on\"}")));
        var restored = await flag.SetLifecycle(new FlagLifecycleChange("active", "alice", null, WriteConditions.None));

        Assert.Equal((ConfigStatus.Updated, "archive"), (archived.Status, archived.Current!.Action));
        Assert.Equal(ConfigStatus.Conflict, refused.Status);
        Assert.Contains("restore", refused.Detail, StringComparison.Ordinal);
        Assert.Equal((ConfigStatus.Updated, "restore", 3), (restored.Status, restored.Current!.Action,
            restored.LatestVersion));
        Assert.Equal("active", FlagDocument.Read("old-banner", restored.Current.Value!).Definition!.Lifecycle);
    }

    [Fact]
    public async Task Rollback_KeepsLifecycle()
    {
        var (_, flag) = await NewFlagAsync("rolled");
        await flag.Put(Write("rolled", Toggle));
        await flag.Put(Write("rolled", Toggle.Replace("\"defaultVariant\": \"off\"", "\"defaultVariant\": \"on\"")));
        await flag.SetLifecycle(new FlagLifecycleChange("stale", "alice", null, WriteConditions.None));

        var result = await flag.Rollback(new ConfigRollback(1, "alice", null, WriteConditions.None));

        var document = FlagDocument.Read("rolled", result.Current!.Value!).Definition!;
        Assert.Equal((4, 1), (result.Current.Version, result.Current.RolledBackFrom));
        Assert.Equal(("off", "stale"), (document.Flag.DefaultVariant, document.Lifecycle));
    }

    [Fact]
    public async Task Flag_SurvivesAClusterRestart()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "prod");
            var flag = first.Client.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", "kept"));
            await flag.Put(Write("kept", Rollout));
        }

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var read = await second.Client.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", "kept")).Get(null);
        var items = await second.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"))
            .GetItems(ChangeKind.Flag, -1);

        Assert.Equal((ConfigStatus.Found, 1), (read.Status, read.Current!.Version));
        Assert.Equal("kept", Assert.Single(items.Entries!).Key);
        Assert.Equal(await StoredPayloadAsync(serviceId, ns), read.Current.Value);
    }

    [Fact]
    public async Task UnsequencedVersion_SequencedOnActivation()
    {
        var serviceId = TestServices.NewServiceId();
        var ns = TestServices.NewNamespace();
        await using (var first = await GrainClusterFixture.StartAsync(serviceId))
        {
            await GrainClusterFixture.CreateEnvironmentAsync(first.Client, ns, "prod");
            var flag = first.Client.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", "late"));
            await flag.Put(Write("late", Toggle));
        }

        // As if the silo died after the flag's row was written but before the environment sequenced it.
        await ChangeLogTests.ExecuteAsync(serviceId, ns, """
            DELETE FROM orleansconfig_change_log WHERE service_id = $1 AND namespace = $2;
            DELETE FROM orleansconfig_change_versions WHERE service_id = $1 AND namespace = $2;
            UPDATE orleansconfig_change_heads SET head = 0 WHERE service_id = $1 AND namespace = $2;
            """);

        await using var second = await GrainClusterFixture.StartAsync(serviceId);
        var page = await second.Client.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"))
            .GetChanges(0, 10);

        var change = Assert.Single(page.Events);
        Assert.Equal((ChangeKind.Flag, "late", 1L), (change.Kind, change.Key, change.Revision));
    }

    internal static ConfigPut Write(string key, string document) =>
        new(key, document, "alice", null, WriteConditions.None);

    private async Task<(string Namespace, IFlagGrain Flag)> NewFlagAsync(string key)
    {
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(fixture.Grains, ns, "prod");

        return (ns, fixture.Grains.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, "prod", key)));
    }

    private IEnvironmentGrain Environment(string ns) =>
        fixture.Grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, "prod"));

    private static async Task<string> StoredPayloadAsync(string serviceId, string ns)
    {
        await using var source = NpgsqlDataSource.Create(TestServices.Postgres);
        await using var command = source.CreateCommand("""
            SELECT convert_from(payload, 'UTF8')::jsonb -> 'versions' -> -1 ->> 'value'
            FROM orleans_storage WHERE service_id = $1 AND state_name = 'flag' AND grain_key LIKE $2
            """);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(ns + "/%");

        return (string)(await command.ExecuteScalarAsync())!;
    }
}
