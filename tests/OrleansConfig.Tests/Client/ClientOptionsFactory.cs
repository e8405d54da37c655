using OrleansConfig.Client;

namespace OrleansConfig.Tests.Client;

/// <summary>Provider options for tests: short timeouts and a cache file in a folder of the test's own.</summary>
internal static class ClientOptionsFactory
{
    public static string NewCachePath() =>
        Path.Combine(Path.GetTempPath(), "orleansconfig-client-tests", Guid.NewGuid().ToString("N"), "cache.json");

    public static Action<OrleansConfigOptions> Http(
        Uri address,
        string apiKey,
        string ns,
        string environment,
        string cachePath,
        Action<OrleansConfigOptions>? more = null) =>
        options =>
        {
            options.BaseAddress = address;
            options.ApiKey = apiKey;
            options.Namespace = ns;
            options.Environment = environment;
            options.CachePath = cachePath;
            options.StartupTimeout = TimeSpan.FromSeconds(5);
            options.ReconnectMinDelay = TimeSpan.FromMilliseconds(100);
            options.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
            more?.Invoke(options);
        };
}
