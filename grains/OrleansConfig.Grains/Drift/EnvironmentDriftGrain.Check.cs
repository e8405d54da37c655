using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Drift;

public sealed partial class EnvironmentDriftGrain
{
    /// <summary>The most drifted items a drift event names; the report at <c>…/drift</c> lists all of them.</summary>
    private const int MaxEventItems = 50;

    public async Task<DriftReport?> Check(string trigger)
    {
        if (state.State.Registration is not { } registration)
        {
            return null;
        }

        var environment = GrainFactory.GetGrain<IEnvironmentGrain>(Key);
        var current = await ReadItems(environment);
        if (current is null)
        {
            return null;
        }

        var (revision, configs, flags) = current.Value;
        var drift = DesiredStatePlanner.Drift(DesiredStatePlanner.Plan(registration.State, configs, flags));
        var signature = Signature(drift);
        long? eventRevision = null;
        var previouslyDrifted = state.State.Latest is { Drift.Count: > 0 };
        if (signature != state.State.ReportedSignature && (drift.Count > 0 || previouslyDrifted))
        {
            var action = drift.Count > 0 ? "detected" : "resolved";
            eventRevision = await environment.ReportDrift(Summary(drift, revision, trigger), action, "drift check");
            LogDriftReported(Key, action, drift.Count, eventRevision.Value);
        }

        var now = time.GetUtcNow();
        var report = new DriftReport(now, revision, drift, trigger, eventRevision, now + options.Value.Interval);
        state.State.Latest = report;
        state.State.ReportedSignature = signature;
        state.State.NextCheckAt = report.NextCheckAt;
        await state.WriteStateAsync();

        return report;
    }

    /// <summary>Reads configuration and flags at one revision; null when the environment does not exist.</summary>
    private static async Task<(long Revision, ItemSide[] Configs, ItemSide[] Flags)?> ReadItems(
        IEnvironmentGrain environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            var configs = await environment.GetItems(ChangeKind.Config, -2);
            var flags = await environment.GetItems(ChangeKind.Flag, -2);
            if (configs.Revision < 0 || flags.Revision < 0)
            {
                return null;
            }

            if (configs.Revision == flags.Revision || attempt == 3)
            {
                return (Math.Max(configs.Revision, flags.Revision), EnvironmentDiff.Sides(configs.Entries!).ToArray(),
                    EnvironmentDiff.Sides(flags.Entries!).ToArray());
            }
        }
    }

    /// <summary>
    /// Identifies a drift by its items and values, so a further edit of a drifted item reports again.
    /// </summary>
    private static string Signature(IReadOnlyList<PlanItem> drift)
    {
        var text = string.Join("\n", drift
            .Select(i => $"{i.Kind}|{i.Key.ToLowerInvariant()}|{i.Action}|{i.OldValue}|{i.NewValue}")
            .Order(StringComparer.Ordinal));

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The drift event's value: counts and the drifted items by kind, key and action, never values.</summary>
    private static string Summary(IReadOnlyList<PlanItem> drift, long revision, string trigger)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("revision", revision);
            json.WriteString("trigger", trigger);
            json.WriteNumber("drifted", drift.Count);
            foreach (var action in new[] { PlanActions.Create, PlanActions.Update, PlanActions.Delete })
            {
                json.WriteNumber(action, drift.Count(i => i.Action == action));
            }

            json.WriteStartArray("items");
            foreach (var item in drift.Take(MaxEventItems))
            {
                json.WriteStartObject();
                json.WriteString("kind", ChangeEventKinds.Name(item.Kind));
                json.WriteString("key", item.Key);
                json.WriteString("action", item.Action);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
