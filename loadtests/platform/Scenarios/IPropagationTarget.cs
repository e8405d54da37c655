using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>The writes and subscribers of the change propagation scenario, over one driver.</summary>
public interface IPropagationTarget
{
    /// <summary>The operation name under which deliveries are reported.</summary>
    string DeliveryOperation { get; }

    Task<long> GetRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Starts one subscriber per log after <paramref name="startRevision"/>; disposing stops them.</summary>
    Task<IAsyncDisposable> StartSubscribersAsync(IReadOnlyList<SubscriberLog> logs, long startRevision,
        CancellationToken cancellationToken);

    /// <summary>Writes <c>{"seq": sequence}</c> to one of 20 keys of the propagation environment.</summary>
    Task<OperationOutcome> WriteAsync(int sequence, CancellationToken cancellationToken);
}
