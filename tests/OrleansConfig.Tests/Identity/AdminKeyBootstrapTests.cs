using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansConfig.Api.Identity;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Identity;

public sealed class AdminKeyBootstrapTests
{
    [Fact]
    public async Task Unset_PrintsWorkingAdminKey()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var output = new StringWriter();

        await Bootstrap(cluster.Client, null, output).StartAsync(CancellationToken.None);

        var key = FindKey(output.ToString());
        Assert.True(ApiKeyFormat.TryParse(key, out var id, out var secret));
        var result = await cluster.Client.GetGrain<IApiKeyGrain>(id).Authenticate(ApiKeyFormat.Hash(secret));
        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
        Assert.Equal([new Grant(Role.Admin)], result.Key!.Grants);
        Assert.Equal("bootstrap", result.Key.Owner);
        Assert.Contains("will not be shown again", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondStart_PrintsNothing()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        await Bootstrap(cluster.Client, null, new StringWriter()).StartAsync(CancellationToken.None);
        var output = new StringWriter();

        await Bootstrap(cluster.Client, null, output).StartAsync(CancellationToken.None);

        Assert.Equal("", output.ToString());
        Assert.Single(await cluster.Client.GetGrain<IApiKeyDirectoryGrain>(0).ListKeyIds());
    }

    [Fact]
    public async Task Configured_CreatesThatKeySilently()
    {
        await using var cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());
        var (id, secret, key) = ApiKeyFormat.Generate();
        var output = new StringWriter();

        await Bootstrap(cluster.Client, $" {key}\n", output).StartAsync(CancellationToken.None);
        await Bootstrap(cluster.Client, key, output).StartAsync(CancellationToken.None);

        var result = await cluster.Client.GetGrain<IApiKeyGrain>(id).Authenticate(ApiKeyFormat.Hash(secret));
        Assert.Equal(AuthenticationStatus.Authenticated, result.Status);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Configured_Malformed_FailsWithoutValue()
    {
        var (_, _, key) = ApiKeyFormat.Generate();
        var malformed = key.ToUpperInvariant();

        // The key is checked before any grain call, so no cluster is needed.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Bootstrap(null!, malformed, new StringWriter()).StartAsync(CancellationToken.None));

        Assert.Contains(AdminKeyBootstrap.VariableName, error.Message, StringComparison.Ordinal);
        Assert.Contains("oc_<id>_<secret>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(malformed, error.Message, StringComparison.Ordinal);
    }

    private static AdminKeyBootstrap Bootstrap(IGrainFactory grains, string? adminKey, TextWriter output)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AdminKeyBootstrap.VariableName] = adminKey })
            .Build();

        return new AdminKeyBootstrap(grains, configuration, TimeProvider.System, NullLogger<AdminKeyBootstrap>.Instance)
        {
            Output = output,
        };
    }

    private static string FindKey(string output) =>
        output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("oc_", StringComparison.Ordinal));
}
