using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Drift;

/// <summary>Writes of the drift tests straight to the grains of an in-process cluster.</summary>
public static class DriftGrains
{
    public const string Toggle =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}""";

    public const string ToggleOn =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}""";

    /// <summary>Creates a fresh namespace with the given environments and returns its name.</summary>
    public static async Task<string> NewNamespaceAsync(IGrainFactory grains, params string[] environments)
    {
        var ns = TestServices.NewNamespace();
        foreach (var env in environments)
        {
            await GrainClusterFixture.CreateEnvironmentAsync(grains, ns, env);
        }

        return ns;
    }

    public static async Task<ConfigResult> PutAsync(IGrainFactory grains, string ns, string env, string key,
        string value)
    {
        var grain = grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, env, key));
        var result = await grain.Put(new ConfigPut(key, value, "tests", null, WriteConditions.None));
        Assert.True(result.IsSuccess, $"PUT {env}/{key}: {result.Status} {result.Detail}");

        return result;
    }

    public static async Task PutFlagAsync(IGrainFactory grains, string ns, string env, string key, string document)
    {
        var grain = grains.GetGrain<IFlagGrain>(GrainKeys.Flag(ns, env, key));
        var result = await grain.Put(new ConfigPut(key, document, "tests", null, WriteConditions.None));
        Assert.True(result.IsSuccess, $"PUT flag {env}/{key}: {result.Status} {result.Detail}");
    }

    public static IEnvironmentGrain Environment(IGrainFactory grains, string ns, string env) =>
        grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
}
