using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansConfig.Configuration;

namespace OrleansConfig.Instances;

/// <summary>
/// The instances of one environment from their heartbeats, in memory. An instance's state compares its revision
/// with the environment's and its configuration hash with the hash of the snapshot at that revision under its
/// prefix. The registry has that hash for revisions it saw as the head: it computes it once per revision and
/// prefix and keeps the latest ones.
/// </summary>
public sealed class InstanceRegistryGrain(
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<InstanceOptions> options) : Grain, IInstanceRegistryGrain
{
    /// <summary>How many revision and prefix hashes are kept.</summary>
    private const int MaxHashes = 256;

    private readonly Dictionary<string, (InstanceHeartbeat Heartbeat, DateTimeOffset LastSeen)> _instances =
        new(StringComparer.Ordinal);

    private readonly Dictionary<(long Revision, string Prefix), string> _hashes = [];
    private readonly Queue<(long Revision, string Prefix)> _hashOrder = new();

    private IEnvironmentGrain Environment => GrainFactory.GetGrain<IEnvironmentGrain>(this.GetPrimaryKeyString());

    public async Task Heartbeat(InstanceHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);

        _instances[heartbeat.InstanceId] = (heartbeat, time.GetUtcNow());
        if (!_hashes.ContainsKey((heartbeat.Revision, heartbeat.Prefix ?? ""))
            && await Environment.GetRevision() == heartbeat.Revision)
        {
            await ExpectedHash(heartbeat.Prefix ?? "");
        }
    }

    public async Task<InstanceView> List()
    {
        var head = await Environment.GetRevision();
        var now = time.GetUtcNow();
        Forget(now);
        foreach (var prefix in _instances.Values.Select(i => i.Heartbeat.Prefix ?? "").Distinct())
        {
            await ExpectedHash(prefix);
        }

        var statuses = _instances.Values
            .OrderBy(i => i.Heartbeat.InstanceId, StringComparer.Ordinal)
            .Select(i => Judge(i.Heartbeat, i.LastSeen, head, now))
            .ToArray();

        return new InstanceView(head, statuses);
    }

    private InstanceStatus Judge(InstanceHeartbeat heartbeat, DateTimeOffset lastSeen, long head, DateTimeOffset now)
    {
        var behind = Math.Max(0, head - heartbeat.Revision);
        _hashes.TryGetValue((heartbeat.Revision, heartbeat.Prefix ?? ""), out var expected);
        var state = now - lastSeen > options.Value.StaleAfter ? InstanceStates.Stale
            : heartbeat.Revision > head ? InstanceStates.Diverged
            : expected is not null && heartbeat.ConfigHash is not null && heartbeat.ConfigHash != expected
                ? InstanceStates.Diverged
            : behind > 0 ? InstanceStates.Behind
            : InstanceStates.Current;

        return new InstanceStatus(heartbeat, lastSeen, state, behind, expected);
    }

    /// <summary>Computes and keeps the hash of the current snapshot under <paramref name="prefix"/>.</summary>
    private async Task ExpectedHash(string prefix)
    {
        var snapshot = await Environment.GetSnapshot(prefix.Length == 0 ? null : prefix);
        if (snapshot.Entries is null || _hashes.ContainsKey((snapshot.Revision, prefix)))
        {
            return;
        }

        var hash = ConfigurationHash.Compute(snapshot.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));
        _hashes[(snapshot.Revision, prefix)] = hash;
        _hashOrder.Enqueue((snapshot.Revision, prefix));
        while (_hashOrder.Count > MaxHashes)
        {
            _hashes.Remove(_hashOrder.Dequeue());
        }
    }

    private void Forget(DateTimeOffset now)
    {
        var forgotten = _instances.Where(i => now - i.Value.LastSeen > options.Value.ForgetAfter)
            .Select(i => i.Key).ToArray();
        foreach (var id in forgotten)
        {
            _instances.Remove(id);
        }
    }
}
