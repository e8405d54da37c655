using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Options;
using N = OrleansConfig.LoadTests.Platform.Drivers.OperationNames;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>
/// The scenarios, with their operation weights and base rates in requests per second for one machine
/// (the machine profile; other profiles scale them). A read-heavy day is modelled as 90 % reads, 8 %
/// writes and 2 % secret and audit requests.
/// </summary>
public static class ScenarioCatalog
{
    public const double ReadRate = 600;
    public const double FlagRate = 600;
    public const double WriteRate = 60;
    public const double SecretRate = 100;
    public const double AuditRate = 20;
    public const double PropagationRate = 20;
    public const double MixedRate = 400;
    public const double SpikeBaseRate = 200;
    public const double SoakRate = 200;

    private static readonly (string Name, double Weight)[] MixedWeights =
    [
        (N.GetKey, 30), (N.RevalidateKey, 20), (N.GetSnapshot, 10), (N.RevalidateSnapshot, 10),
        (N.OfrepSingle, 12), (N.OfrepBulk, 8), (N.PutKey, 6), (N.Rollback, 1), (N.Import, 1),
        (N.RevealSecret, 1), (N.ListSecrets, 0.5), (N.AuditQuery, 0.5),
    ];

    public static ScenarioPlan Create(string name, ProfileSettings profile, OperationSet operations)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(operations);

        var scale = profile.RateScale;
        RateProfile Shape(double rate) =>
            RateProfile.RampSteadyRampDown(rate * scale, profile.Ramp, profile.Steady, profile.RampDown);

        return name switch
        {
            ScenarioNames.ConfigRead => Plan(name, "Single-key GETs, with and without ETag revalidation, environment "
                + "snapshot GETs, and long polls held beside them", Shape(ReadRate), profile, operations,
                [(N.GetKey, 35), (N.RevalidateKey, 35), (N.GetSnapshot, 15), (N.RevalidateSnapshot, 15)]) with
            {
                LongPollers = operations.Has(N.LongPoll) ? profile.LongPollers : 0,
                LongPoll = operations.Weighted(N.LongPoll, 1),
            },
            ScenarioNames.FlagEvaluation => Plan(name, "OFREP evaluation of one flag and of every flag of an "
                + "environment, each for a random user", Shape(FlagRate), profile, operations,
                [(N.OfrepSingle, 70), (N.OfrepBulk, 30)]),
            ScenarioNames.ConfigWrite => Plan(name, "PUT with If-Match, rollback to the previous version, and "
                + "import of a 10-key file", Shape(WriteRate), profile, operations,
                [(N.PutKey, 70), (N.Rollback, 20), (N.Import, 10)]),
            ScenarioNames.SecretAccess => Plan(name, "Secret metadata lists and audited reveals by service tokens",
                Shape(SecretRate), profile, operations, [(N.ListSecrets, 50), (N.RevealSecret, 50)]),
            ScenarioNames.AuditReports => Plan(name, "Filtered audit queries of the last day and JSON compliance "
                + "reports", Shape(AuditRate), profile, operations, [(N.AuditQuery, 97), (N.ComplianceReport, 3)]),
            ScenarioNames.ChangePropagation => Plan(name, "Writers at a steady rate while subscribers watch the "
                + "environment; latency from the start of each write to its arrival at each subscriber",
                Shape(PropagationRate), profile, operations, []) with
            {
                Propagation = true,
                Subscribers = profile.Subscribers,
            },
            ScenarioNames.Mixed => Plan(name, "A read-heavy day: 90 % reads (keys, snapshots, flags), 8 % writes, "
                + "2 % secrets and audit", Shape(MixedRate), profile, operations, MixedWeights),
            ScenarioNames.Spike => Plan(name, $"The mixed blend with a sudden jump to {profile.SpikeMultiplier:0.#} "
                + "times its rate, then back", RateProfile.WithSpike(SpikeBaseRate * scale, profile.SpikeMultiplier,
                    profile.Ramp, profile.Steady, profile.SpikeDuration, profile.RampDown), profile, operations,
                MixedWeights),
            ScenarioNames.Soak => Plan(name, "The mixed blend held for a long period, watching memory and latency "
                + "drift", RateProfile.RampSteadyRampDown(SoakRate * scale, profile.Ramp, profile.Soak,
                    profile.RampDown), profile, operations, MixedWeights),
            _ => throw new ArgumentException($"'{name}' is not a scenario.", nameof(name)),
        };
    }

    private static ScenarioPlan Plan(string name, string description, RateProfile rate, ProfileSettings profile,
        OperationSet operations, IReadOnlyList<(string Name, double Weight)> weights)
    {
        var available = weights.Select(w => operations.Weighted(w.Name, w.Weight)).OfType<Operation>().ToArray();
        var missing = weights.Where(w => !operations.Has(w.Name))
            .GroupBy(w => operations.ReasonMissing(w.Name))
            .Select(group => $"{string.Join(", ", group.Select(w => w.Name))}: {group.Key}").ToArray();

        return new ScenarioPlan(name, description, rate, profile.MaxInFlight, available, missing);
    }
}
