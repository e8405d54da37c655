using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace OrleansConfig.Tests.Client;

/// <summary>Waits on configuration reloads and status changes, with the last state in the failure message.</summary>
internal static class ConfigurationWaits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds, checking it at start and after every reload.</summary>
    public static async Task UntilAsync(
        IConfiguration configuration, Func<IConfiguration, bool> condition, string description)
    {
        var changed = new SemaphoreSlim(0);
        using var registration = ChangeToken.OnChange(configuration.GetReloadToken, () => changed.Release());
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(configuration))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds} s waiting for {description}; "
                    + $"status: {configuration.GetOrleansConfigStatusText()}");
            }

            // A status change raises no reload, so the wait wakes up now and then to look again.
            await changed.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task ValueAsync(IConfiguration configuration, string key, string? expected) =>
        UntilAsync(configuration, c => c[key] == expected, $"{key} to become '{expected}' (is '{configuration[key]}')");

    public static Task AbsentAsync(IConfiguration configuration, string key) =>
        UntilAsync(configuration, c => !c.GetSection(key).Exists(), $"{key} to disappear (is '{configuration[key]}')");

    private static string GetOrleansConfigStatusText(this IConfiguration configuration) =>
        OrleansConfig.Client.OrleansConfigurationExtensions.GetOrleansConfigStatus(configuration)?.ToString() ?? "none";
}
