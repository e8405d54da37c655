using System.Globalization;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>Change propagation over HTTP: PUTs with the admin key and Server-Sent Events subscribers.</summary>
public sealed class HttpPropagationTarget(ApiClient api, SeededEnvironment environment) : IPropagationTarget
{
    public string DeliveryOperation => OperationNames.SseDelivery;

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken) =>
        api.GetRevisionAsync(environment.Namespace, environment.Environment, cancellationToken);

    public async Task<IAsyncDisposable> StartSubscribersAsync(IReadOnlyList<SubscriberLog> logs, long startRevision,
        CancellationToken cancellationToken) =>
        await SseSubscribers.StartAsync(api, environment.Namespace, environment.Environment, logs, cancellationToken);

    public async Task<OperationOutcome> WriteAsync(int sequence, CancellationToken cancellationToken)
    {
        using var response = await api.PutConfigAsync(environment.Namespace, environment.Environment,
            KeyOf(sequence), BenchValue.PutBody(sequence), cancellationToken);

        return OperationOutcome.FromStatus((int)response.StatusCode, OperationNames.PropagationWrite);
    }

    public static string KeyOf(int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"Propagation:Key{sequence % 20:D2}");
}
