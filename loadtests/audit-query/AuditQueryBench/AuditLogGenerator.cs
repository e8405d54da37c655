using OrleansConfig.Audit;

namespace OrleansConfig.LoadTests.AuditQuery;

/// <summary>
/// Generates audit records in time order, as the platform writes them. Each namespace's chain starts
/// with the namespace and its three environments. Configuration changes (with per-environment revisions
/// and per-key versions), audit reads and grant changes follow at random times over the period. All
/// records go to namespace chains, because the running api's chain grain keeps the global chain's head.
/// </summary>
public sealed class AuditLogGenerator(BenchLayout layout, int seed)
{
    private static readonly (string Action, double Weight)[] Actions =
    [
        ("config", 0.92), (AuditActions.AuditRead, 0.05), (AuditActions.GrantSet, 0.01),
        (AuditActions.GrantRemove, 0.005), (AuditActions.AuditVerify, 0.005), ("config-rollback", 0.01),
    ];

    private static readonly WeightedPicker ActionPicker = new(Actions.Select(a => a.Weight));

    private readonly Random _random = new(seed);
    private readonly Dictionary<(string Ns, string Env), long> _revisions = [];
    private readonly Dictionary<(string Ns, string Env, string Key), (int Version, bool Deleted)> _keys = [];

    /// <summary>
    /// Returns <paramref name="total"/> records spread over the <paramref name="days"/> before <paramref name="end"/>.
    /// </summary>
    public IEnumerable<AuditRecord> Generate(int total, DateTimeOffset end, int days)
    {
        var start = end.AddDays(-days);
        var setup = BenchLayout.Namespaces.Length * (1 + BenchLayout.Environments.Length);
        foreach (var record in Setup(start))
        {
            yield return record;
        }

        // Random times after the first hour, sorted, so the chains grow in time order.
        var span = (end - start - TimeSpan.FromHours(1)).Ticks;
        var ticks = new long[Math.Max(0, total - setup)];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = start.AddHours(1).UtcTicks + _random.NextInt64(span);
        }

        Array.Sort(ticks);
        foreach (var tick in ticks)
        {
            yield return Next(AuditHashing.ToStoredPrecision(new DateTimeOffset(tick, TimeSpan.Zero)));
        }
    }

    private IEnumerable<AuditRecord> Setup(DateTimeOffset start)
    {
        var founder = layout.Actors[0];
        var time = start;
        foreach (var ns in BenchLayout.Namespaces)
        {
            time = time.AddSeconds(7);
            yield return Record(time, founder, AuditActions.NamespaceCreate, ns, null, "namespace", ns, null);
            foreach (var env in BenchLayout.Environments)
            {
                time = time.AddSeconds(3);
                yield return Record(time, founder, AuditActions.EnvironmentCreate, ns, env, "environment", env, null);
            }
        }
    }

    private AuditRecord Next(DateTimeOffset time)
    {
        var ns = BenchLayout.Namespaces[_random.Next(BenchLayout.Namespaces.Length)];
        var env = BenchLayout.Environments[BenchLayout.EnvironmentPicker.Pick(_random)];
        var actor = layout.Actors[layout.ActorPicker.Pick(_random)];
        var action = Actions[ActionPicker.Pick(_random)].Action;

        return action switch
        {
            "config" => Change(time, actor, ns, env, rollback: false),
            "config-rollback" => Change(time, actor, ns, env, rollback: true),
            AuditActions.AuditRead or AuditActions.AuditVerify => Record(time, actor, action, ns, null, "audit", ns,
                $$"""{"query":"?namespace={{ns}}&limit=100"}"""),
            _ => Record(time, actor, action, ns, _random.Next(2) == 0 ? env : null, "grant",
                layout.Actors[_random.Next(layout.Actors.Count)].KeyId, """{"role":"Operator"}"""),
        };
    }

    /// <summary>A configuration change, named as the environment grain names it (see its audit record ids).</summary>
    private AuditRecord Change(DateTimeOffset time, BenchActor actor, string ns, string env, bool rollback)
    {
        var key = layout.Keys[_random.Next(layout.Keys.Count)];
        var (version, deleted) = _keys.GetValueOrDefault((ns, env, key));
        var delete = !deleted && version > 0 && !rollback && _random.NextDouble() < 0.03;
        rollback = rollback && version > 1 && !deleted;
        version++;
        _keys[(ns, env, key)] = (version, delete);
        var revision = _revisions[(ns, env)] = _revisions.GetValueOrDefault((ns, env)) + 1;
        var action = delete ? AuditActions.ConfigDelete
            : rollback ? AuditActions.ConfigRollback
            : version == 1 ? AuditActions.ConfigCreate
            : AuditActions.ConfigUpdate;
        return new AuditRecord($"config:{ns}/{env}@{revision}", time, actor.Actor, actor.Credential, action, ns, env,
            "config", key, version > 1 ? version - 1 : null, version, delete ? "{}" : ValueSummary(rollback, version),
            RequestId(), Address(), revision);
    }

    /// <summary>Returns a summary as the platform writes it: a value's keyed hash and size, never the value.</summary>
    private string ValueSummary(bool rollback, int version)
    {
        var rolledBack = rollback ? $",\"rolledBackFrom\":{version - 2}" : "";

        return $$"""{"valueHash":"{{RandomHex()}}","valueBytes":{{_random.Next(2, 400)}}{{rolledBack}}}""";
    }

    private AuditRecord Record(DateTimeOffset time, BenchActor actor, string action, string ns, string? env,
        string kind, string resource, string? summary) => new(
        $"{kind}:{RandomHex()}", time, actor.Actor, actor.Credential, action, ns, env, kind, resource, null, null,
        summary, RequestId(), Address(), null);

    private string RandomHex()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);

        return Convert.ToHexStringLower(bytes);
    }

    private string RequestId() => $"0HN{_random.Next():X8}:{_random.Next(1, 64):X8}";

    // Addresses from TEST-NET-1 (RFC 5737), which is reserved for documentation and never routed.
    private string Address() => $"192.0.2.{_random.Next(1, 255)}";

    /// <summary>Creates the signer of the silo whose key is in ORLEANSCONFIG_AUDIT_KEY.</summary>
    public static AuditSigner SignerFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(AuditSigner.Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"{AuditSigner.Variable} is not set; give the fill the silo's audit "
                + "key, or the chains it writes fail verification. Generate one with: openssl rand -hex 32");
        }

        return new AuditSigner(AuditSigner.Parse(text.Trim()), ephemeral: false);
    }
}
