using OrleansConfig.Api.Drift;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Tests.Infrastructure;
using OrleansConfig.Tests.Secrets;
using OrleansConfig.Tests.Secrets.Grains;
using static OrleansConfig.Tests.Drift.DriftGrains;
using OrleansConfig.Drift;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// The diff of two environments on known data written through the real grains: keys only in one side, values
/// that differ as JSON, flags whose definitions differ, and secrets compared without their values.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class EnvironmentDiffTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Diff_FindsEachKindOfDifference()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "staging", "prod");
        await PutAsync(fixture.Grains, ns, "staging", "Same", "1");
        await PutAsync(fixture.Grains, ns, "prod", "Same", "1");
        await PutAsync(fixture.Grains, ns, "staging", "Db", """{"host": "db", "port": 5432}""");
        await PutAsync(fixture.Grains, ns, "prod", "Db", """{ "port": 5432, "host": "db" }""");
        await PutAsync(fixture.Grains, ns, "staging", "Mode", "\"blue\"");
        await PutAsync(fixture.Grains, ns, "prod", "Mode", "\"green\"");
        await PutAsync(fixture.Grains, ns, "staging", "OnlyStaging", "true");
        await PutAsync(fixture.Grains, ns, "prod", "OnlyProd", "false");
        await PutFlagAsync(fixture.Grains, ns, "staging", "checkout", ToggleOn);
        await PutFlagAsync(fixture.Grains, ns, "prod", "checkout", Toggle);
        await PutFlagAsync(fixture.Grains, ns, "staging", "banner", Toggle);
        await PutFlagAsync(fixture.Grains, ns, "prod", "banner", Toggle);

        var diff = await DiffAsync(ns);

        Assert.False(diff.Identical);
        Assert.Equal(["OnlyStaging"], diff.Configs.OnlyInFrom.Select(i => i.Key));
        Assert.Equal(["OnlyProd"], diff.Configs.OnlyInTo.Select(i => i.Key));
        var mode = Assert.Single(diff.Configs.Different);
        Assert.Equal("Mode", mode.Key);
        Assert.Equal("\"blue\"", mode.From.Value!.Value.Text);
        Assert.Equal("\"green\"", mode.To.Value!.Value.Text);
        Assert.Equal(2, diff.Configs.Same);
        var checkout = Assert.Single(diff.Flags.Different);
        Assert.Equal("checkout", checkout.Key);
        Assert.Equal(["defaultVariant"], checkout.Changed);
        Assert.Equal(1, diff.Flags.Same);
        Assert.Equal(SecretComparison.ByPresence, diff.Secrets.ComparedBy);
    }

    [Fact]
    public async Task Diff_OfEqualEnvironmentsIsIdentical()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "staging", "prod");
        await PutAsync(fixture.Grains, ns, "staging", "A", "[1, 2]");
        await PutAsync(fixture.Grains, ns, "prod", "a", "[1,2]");

        var diff = await DiffAsync(ns);

        Assert.True(diff.Identical);
        Assert.Equal(1, diff.Configs.Same);
    }

    [Fact]
    public void SecretComparison_UsesFingerprintsWhenListed()
    {
        string[] staging = ["""{"fingerprint": "aa"}""", """{"fingerprint": "bb"}"""];
        string[] prod = ["""{"fingerprint": "aa"}""", """{"fingerprint": "cc"}"""];

        var (comparedBy, equal) = SecretComparison.Choose(staging, prod);

        Assert.Equal(SecretComparison.ByFingerprint, comparedBy);
        Assert.True(equal(staging[0], prod[0]));
        Assert.False(equal(staging[1], prod[1]));
    }

    [Fact]
    public async Task Diff_ComparesSecretsByFingerprint()
    {
        var keyring = SecretGrains.Keyring(SecretTestKeys.NewEntry("diff-key"));
        await using var cluster = await SecretGrains.StartAsync(TestServices.NewServiceId(), keyring);
        var ns = await NewNamespaceAsync(cluster.Client, "staging", "prod");
        await PutSecretAsync(cluster.Client, ns, "staging", "db-password", "same-value");
        await PutSecretAsync(cluster.Client, ns, "prod", "db-password", "same-value");
        await PutSecretAsync(cluster.Client, ns, "staging", "api-token", "staging-token");
        await PutSecretAsync(cluster.Client, ns, "prod", "api-token", "prod-token");

        var diff = await DiffAsync(ns, cluster.Client);

        Assert.Equal(SecretComparison.ByFingerprint, diff.Secrets.ComparedBy);
        Assert.Equal("api-token", Assert.Single(diff.Secrets.Different).Key);
        Assert.Equal(1, diff.Secrets.Same);
        var json = System.Text.Json.JsonSerializer.Serialize(diff);
        Assert.DoesNotContain("same-value", json, StringComparison.Ordinal);
        Assert.DoesNotContain("prod-token", json, StringComparison.Ordinal);
    }

    private static async Task PutSecretAsync(IGrainFactory grains, string ns, string env, string name, string value)
    {
        var secret = grains.GetGrain<ISecretGrain>(GrainKeys.Secret(ns, env, name));
        var result = await SecretGrains.PutAsync(secret, name, value);
        Assert.True(result.IsSuccess, result.Detail);
    }

    private async Task<EnvironmentDiffBody> DiffAsync(string ns, IGrainFactory? grains = null)
    {
        grains ??= fixture.Grains;
        var staging = await EnvironmentItemsReader.ReadAsync(grains, ns, "staging");
        var prod = await EnvironmentItemsReader.ReadAsync(grains, ns, "prod");

        return DiffApi.Describe(ns, staging!, prod!);
    }
}
