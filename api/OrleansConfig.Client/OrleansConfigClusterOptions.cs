namespace OrleansConfig.Client;

/// <summary>
/// How the Orleans transport joins the cluster as a client: the membership store and the ids the
/// silos run with.
/// </summary>
public sealed class OrleansConfigClusterOptions
{
    /// <summary>
    /// StackExchange.Redis configuration string of the membership store, for example <c>127.0.0.1:6379</c>.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Cluster id of the silos. The default value is <c>orleansconfig</c>, as the silos use.</summary>
    public string ClusterId { get; set; } = "orleansconfig";

    /// <summary>Service id of the silos. The default value is <c>orleansconfig</c>, as the silos use.</summary>
    public string ServiceId { get; set; } = "orleansconfig";

    /// <summary>Maximum time of one grain call. The default value is 10 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
