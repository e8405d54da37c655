namespace OrleansConfig.Client;

/// <summary>
/// Checks <see cref="OrleansConfigOptions"/> before a provider is built, with messages that name the fix.
/// </summary>
internal static class OptionsValidation
{
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public static void Validate(OrleansConfigOptions options)
    {
        Require(options.Namespace.Length > 0,
            "Namespace is required; set it to the namespace to load, for example \"shop\".");
        Require(options.Environment.Length > 0,
            "Environment is required; set it to the environment to load, for example \"prod\".");
        if (options.Transport == OrleansConfigTransport.Http)
        {
            Require(options.BaseAddress is { IsAbsoluteUri: true },
                "BaseAddress is required for the HTTP transport; set it to the api's absolute address, "
                + "for example http://127.0.0.1:5080.");
            Require(!string.IsNullOrWhiteSpace(options.ApiKey),
                "ApiKey is required for the HTTP transport; set it to a key or service token that may read "
                + "the environment.");
        }
        else
        {
            Require(!string.IsNullOrWhiteSpace(options.Cluster.RedisConnectionString),
                "Cluster.RedisConnectionString is required for the Orleans transport; set it to the cluster's "
                + "Redis, for example 127.0.0.1:6379.");
            Require(options.Cluster.ClusterId.Length > 0 && options.Cluster.ServiceId.Length > 0,
                "Cluster.ClusterId and Cluster.ServiceId are required for the Orleans transport; set them to "
                + "the silos' values.");
        }

        RequirePositive(options.StartupTimeout, nameof(options.StartupTimeout));
        RequirePositive(options.ReconnectMinDelay, nameof(options.ReconnectMinDelay));
        RequirePositive(options.IdleTimeout, nameof(options.IdleTimeout));
        RequirePositive(options.RequestTimeout, nameof(options.RequestTimeout));
        Require(options.HeartbeatInterval >= TimeSpan.Zero,
            $"HeartbeatInterval is {options.HeartbeatInterval}; set it to a positive time span, or to zero to send "
            + "no heartbeats.");
        Require(options.InstanceId is null || IsInstanceId(options.InstanceId),
            $"InstanceId '{options.InstanceId}' is not valid; use 1 to 128 ASCII letters, digits and . _ : -");
        Require(options.ReconnectMaxDelay >= options.ReconnectMinDelay,
            $"ReconnectMaxDelay ({options.ReconnectMaxDelay}) is less than ReconnectMinDelay "
            + $"({options.ReconnectMinDelay}); "
            + "set it to at least the minimum.");
    }

    private static bool IsInstanceId(string id) => id.Length is > 0 and <= 128
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static void RequirePositive(TimeSpan value, string name) =>
        Require(value > TimeSpan.Zero, $"{name} is {value}; set it to a positive time span.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }
}
