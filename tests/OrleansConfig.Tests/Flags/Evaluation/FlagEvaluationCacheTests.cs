using Microsoft.Extensions.DependencyInjection;
using OrleansConfig.Api.Flags.Evaluation;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Flags.Ofrep;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Flags.Evaluation;

/// <summary>
/// The api's flag cache in its own in-process api (development-mode silo, in-memory storage), with an
/// idle timeout of one second so that eviction can be observed.
/// </summary>
public sealed class FlagEvaluationCacheTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(new Dictionary<string, string?>
    {
        ["OrleansConfig:FlagCache:IdleTimeout"] = "00:00:01",
    });

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    private FlagEvaluationCache Cache => _host.Services.GetRequiredService<FlagEvaluationCache>();

    public Task InitializeAsync()
    {
        // Creating the client starts the host.
        _host.CreateClient().Dispose();

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task IdleEnvironment_IsEvictedAndReloaded()
    {
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(Grains, ns, "prod");
        await FlagWriter.PutAsync(Grains, ns, "prod", "kept",
            """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""");

        var first = await Cache.GetAsync(ns, "prod", CancellationToken.None);
        await ClusterHttp.WaitForAsync(() => Task.FromResult(Cache.EnvironmentCount == 0),
            TimeSpan.FromSeconds(20), "the idle environment's eviction");
        var again = await Cache.GetAsync(ns, "prod", CancellationToken.None);

        Assert.Equal("on", first.Evaluate("kept", EvaluationContext.Empty).Variant);
        Assert.Equal("on", again.Evaluate("kept", EvaluationContext.Empty).Variant);
        Assert.NotSame(first, again);
    }

    [Fact]
    public async Task MissingEnvironment_LoadsAsNotExisting()
    {
        var flags = await Cache.GetAsync(TestServices.NewNamespace(), "prod", CancellationToken.None);

        Assert.False(flags.Exists);
        Assert.Equal(FlagErrorCode.FlagNotFound, flags.Evaluate("any", EvaluationContext.Empty).ErrorCode);
    }
}
