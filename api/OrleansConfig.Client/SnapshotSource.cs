using System.Text.Json.Serialization;

namespace OrleansConfig.Client;

/// <summary>Where the configuration the provider serves came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotSource>))]
public enum SnapshotSource
{
    /// <summary>Nothing is applied yet: the provider started empty because it was optional.</summary>
    None = 0,

    /// <summary>The local cache file, written by an earlier run. The platform has not responded since.</summary>
    Cache = 1,

    /// <summary>The platform: a snapshot and the changes after it.</summary>
    Platform = 2,
}
