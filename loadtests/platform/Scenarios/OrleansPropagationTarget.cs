using System.Text;
using Microsoft.Extensions.Logging;
using OrleansConfig.Configuration;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>
/// Change propagation in a co-hosted app: writes through the key grains and one cluster change
/// subscription per subscriber.
/// </summary>
public sealed class OrleansPropagationTarget(IGrainFactory grains, SeededEnvironment environment, ILogger logger)
    : IPropagationTarget
{
    public string DeliveryOperation => OperationNames.ClusterDelivery;

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(environment.Namespace, environment.Environment))
            .GetRevision();

    public async Task<IAsyncDisposable> StartSubscribersAsync(IReadOnlyList<SubscriberLog> logs, long startRevision,
        CancellationToken cancellationToken)
    {
        var subscriptions = await Task.WhenAll(logs.Select(log => ClusterSubscriber.StartAsync(grains,
            environment.Namespace, environment.Environment, startRevision, log, logger, cancellationToken)));

        return new Subscriptions(subscriptions);
    }

    public async Task<OperationOutcome> WriteAsync(int sequence, CancellationToken cancellationToken)
    {
        var key = HttpPropagationTarget.KeyOf(sequence);
        var value = Encoding.UTF8.GetString(BenchValue.PutBody(sequence))["{\"value\":".Length..^1];
        var result = await grains.GetGrain<IConfigKeyGrain>(
                GrainKeys.ConfigKey(environment.Namespace, environment.Environment, key))
            .Put(new ConfigPut(key, value, "loadtests (Orleans client)", null, WriteConditions.None));

        return result.IsSuccess
            ? OperationOutcome.Success(200)
            : OperationOutcome.Failure(0, $"{OperationNames.PropagationWrite} returned {result.Status}");
    }

    private sealed class Subscriptions(IReadOnlyList<IAsyncDisposable> subscriptions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }
}
