using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ConfigKeyGrainTests(GrainClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _ns = TestServices.NewNamespace();

    public Task InitializeAsync() => GrainClusterFixture.CreateEnvironmentAsync(fixture.Grains, _ns, "dev");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Put_FirstWrite_CreatesVersionOne()
    {
        var result = await Put("Db:Host", "\"db1\"");

        Assert.Equal(ConfigStatus.Created, result.Status);
        Assert.Equal(1, result.Current!.Version);
        Assert.Equal("\"db1\"", result.Current.Value);
    }

    [Fact]
    public async Task Put_SecondWrite_IncrementsVersion()
    {
        await Put("Db:Host", "\"db1\"");

        var result = await Put("Db:Host", "\"db2\"");

        Assert.Equal(ConfigStatus.Updated, result.Status);
        Assert.Equal(2, result.Current!.Version);
    }

    [Fact]
    public async Task Put_SameValue_IsUnchanged()
    {
        await Put("Flag", "true");

        var result = await Put("Flag", "true");

        Assert.Equal(ConfigStatus.Unchanged, result.Status);
        Assert.Equal(1, result.Current!.Version);
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("0.1")]
    [InlineData("1e400")]
    [InlineData("\"\\u00e9\\ud83d\\ude00\"")]
    [InlineData("{ \"a\" : [1, 2.50, null] }")]
    [InlineData("-0")]
    public async Task Value_RoundTrip_IsByteIdentical(string json)
    {
        await Put("Number", json);

        var read = await Key("Number").Get(null);

        Assert.Equal(json, read.Current!.Value);
    }

    [Fact]
    public async Task Put_StaleIfMatch_FailsPrecondition()
    {
        await Put("Retries", "1");
        await Put("Retries", "2");

        var result = await Put("Retries", "3", new WriteConditions(IfMatchVersion: 1));

        Assert.Equal(ConfigStatus.PreconditionFailed, result.Status);
        Assert.Equal("2", (await Key("Retries").Get(null)).Current!.Value);
    }

    [Fact]
    public async Task Put_CurrentIfMatch_Succeeds()
    {
        await Put("Retries", "1");

        var result = await Put("Retries", "2", new WriteConditions(IfMatchVersion: 1));

        Assert.Equal(ConfigStatus.Updated, result.Status);
    }

    [Fact]
    public async Task Put_IfNoneMatchOnExistingKey_Fails()
    {
        await Put("Once", "1");

        var result = await Put("Once", "2", new WriteConditions(IfNoneMatchAny: true));

        Assert.Equal(ConfigStatus.PreconditionFailed, result.Status);
    }

    [Fact]
    public async Task Put_KeyDifferingByCase_Conflicts()
    {
        await Put("Logging:Level", "\"Info\"");

        var request = new ConfigPut("logging:level", "\"Debug\"", "test", null, WriteConditions.None);

        var result = await Key("logging:level").Put(request);

        Assert.Equal(ConfigStatus.CaseConflict, result.Status);
    }

    [Fact]
    public async Task Delete_ThenRecreate_ContinuesNumbering()
    {
        await Put("Temp", "1");
        var deleted = await Key("Temp").Delete(new ConfigDelete("test", null, WriteConditions.None));

        var recreated = await Put("Temp", "2");

        Assert.Equal(ConfigStatus.Deleted, deleted.Status);
        Assert.Equal(2, deleted.Current!.Version);
        Assert.Equal(ConfigStatus.Created, recreated.Status);
        Assert.Equal(3, recreated.Current!.Version);
    }

    [Fact]
    public async Task Get_DeletedKey_KeepsHistory()
    {
        await Put("Gone", "1");
        await Key("Gone").Delete(new ConfigDelete("test", null, WriteConditions.None));

        var current = await Key("Gone").Get(null);
        var first = await Key("Gone").Get(1);

        Assert.Equal(ConfigStatus.NotFound, current.Status);
        Assert.Equal("1", first.Current!.Value);
    }

    [Fact]
    public async Task Rollback_ToOldVersion_WritesNewVersion()
    {
        await Put("Mode", "\"a\"");
        await Put("Mode", "\"b\"");

        var result = await Key("Mode").Rollback(new ConfigRollback(1, "test", null, WriteConditions.None));

        Assert.Equal(3, result.Current!.Version);
        Assert.Equal("\"a\"", result.Current.Value);
        Assert.Equal(1, result.Current.RolledBackFrom);
    }

    [Fact]
    public async Task Rollback_ToDeletionVersion_IsRejected()
    {
        await Put("Mode", "\"a\"");
        await Key("Mode").Delete(new ConfigDelete("test", null, WriteConditions.None));

        var result = await Key("Mode").Rollback(new ConfigRollback(2, "test", null, WriteConditions.None));

        Assert.Equal(ConfigStatus.VersionIsDeletion, result.Status);
    }

    [Fact]
    public async Task Rollback_AfterDelete_RestoresValue()
    {
        await Put("Mode", "\"a\"");
        await Key("Mode").Delete(new ConfigDelete("test", null, WriteConditions.None));

        var result = await Key("Mode").Rollback(new ConfigRollback(1, "test", null, WriteConditions.None));

        Assert.Equal(ConfigStatus.Created, result.Status);
        Assert.Equal("\"a\"", result.Current!.Value);
    }

    [Fact]
    public async Task Rollback_MissingVersion_NamesRange()
    {
        await Put("Mode", "\"a\"");

        var result = await Key("Mode").Rollback(new ConfigRollback(9, "test", null, WriteConditions.None));

        Assert.Equal(ConfigStatus.VersionNotFound, result.Status);
        Assert.Contains("1 to 1", result.Detail);
    }

    [Fact]
    public async Task GetVersions_PagesNewestFirst()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Put("Paged", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var first = await Key("Paged").GetVersions(null, 2);
        var second = await Key("Paged").GetVersions(first.NextBefore, 2);
        var last = await Key("Paged").GetVersions(second.NextBefore, 2);

        Assert.Equal([5, 4], first.Versions.Select(v => v.Version));
        Assert.Equal([3, 2], second.Versions.Select(v => v.Version));
        Assert.Equal([1], last.Versions.Select(v => v.Version));
        Assert.Null(last.NextBefore);
    }

    [Fact]
    public async Task Put_LongestKey_IsAccepted()
    {
        var key = new string('k', ConfigKeyRules.MaxKeyLength);

        var result = await Put(key, "1");

        Assert.Equal(ConfigStatus.Created, result.Status);
    }

    [Theory]
    [InlineData("has space", "' '")]
    [InlineData("a::b", "empty section")]
    [InlineData(":a", "empty section")]
    [InlineData("é", "U+00E9")]
    public async Task Put_InvalidKey_NamesProblem(string key, string expected)
    {
        var result = await Put(key, "1");

        Assert.Equal(ConfigStatus.InvalidKey, result.Status);
        Assert.Contains(expected, result.Detail);
    }

    [Fact]
    public async Task Put_ValueAtLimit_IsAccepted()
    {
        var value = "\"" + new string('x', GrainClusterFixture.MaxValueBytes - 2) + "\"";

        var result = await Put("Big", value);

        Assert.Equal(ConfigStatus.Created, result.Status);
    }

    [Fact]
    public async Task Put_ValueOverLimit_IsTooLarge()
    {
        var value = "\"" + new string('x', GrainClusterFixture.MaxValueBytes - 1) + "\"";

        var result = await Put("Big", value);

        Assert.Equal(ConfigStatus.ValueTooLarge, result.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":1,}")]
    [InlineData("1 2")]
    [InlineData("// comment\n1")]
    public async Task Put_InvalidJson_IsRejected(string value)
    {
        var result = await Put("Bad", value);

        Assert.Equal(ConfigStatus.InvalidValue, result.Status);
    }

    [Fact]
    public async Task Put_MissingEnvironment_IsReported()
    {
        var grain = fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(_ns, "nowhere", "A"));

        var result = await grain.Put(new ConfigPut("A", "1", "test", null, WriteConditions.None));

        Assert.Equal(ConfigStatus.EnvironmentNotFound, result.Status);
    }

    private IConfigKeyGrain Key(string key) =>
        fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(_ns, "dev", key));

    private Task<ConfigResult> Put(string key, string value, WriteConditions? conditions = null) =>
        Key(key).Put(new ConfigPut(key, value, "test", null, conditions ?? WriteConditions.None));
}
