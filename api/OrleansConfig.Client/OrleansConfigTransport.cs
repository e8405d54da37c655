using System.Text.Json.Serialization;

namespace OrleansConfig.Client;

/// <summary>How the provider reads snapshots and receives changes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrleansConfigTransport>))]
public enum OrleansConfigTransport
{
    /// <summary>The HTTP api: a snapshot request, then a server-sent event stream of changes.</summary>
    Http = 0,

    /// <summary>
    /// A private Orleans client of the cluster, for applications in the cluster's network: grain calls
    /// for snapshots and a change observer for changes.
    /// </summary>
    Orleans = 1,
}
