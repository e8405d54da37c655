using System.Globalization;
using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Options;

/// <summary>Reads <see cref="LoadOptions"/> from the command line and the environment.</summary>
public static class LoadOptionsParser
{
    public const string Usage = """
        Usage: PlatformLoad --profile smoke|machine|staging --out DIR [options]
          --scenario NAME        a scenario to run (repeatable or comma-separated; default: all):
                                 config-read, flag-evaluation, config-write, secret-access, audit-reports,
                                 change-propagation, mixed, spike, soak
          --target URL           the api (default http://127.0.0.1:5080)
          --allow-target HOST    allow a target host that is not loopback (repeatable)
          --driver http|orleans  HTTP requests, or grain calls through an Orleans client (default http)
          --key KEY              an admin key (default: $ORLEANSCONFIG_ADMIN_KEY)
          --seed-state FILE      where seeding records its progress (default: DIR/../seed-state.json)
          --no-seed              use the data that is there
          --namespaces N --keys N --flags N --secrets N --audit-records N   the data volume
          --prefix NAME          prefix of the seeded namespaces (default load)
          --ramp S --steady S --ramp-down S --soak S   phase lengths in seconds
          --rate-scale X         multiplies every scenario's rate (default: the profile's)
          --max-requests N       requests per scenario at most (default 2000000)
          --watch NAME=PID,...   processes whose CPU and memory are sampled every second
          --slo FILE             the service level objectives (default: loadtests/slo.json)
          --redis CONFIG --cluster-id ID --service-id ID   the cluster, for --driver orleans
        Or: PlatformLoad --render DIR/report.json --out DIR [--slo FILE]
          writes the report of an earlier run again from its measurements, sending no request
        """;

    /// <summary>Reads the options; throws <see cref="FormatException"/> naming the invalid one.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);

        var options = new LoadOptions
        {
            AdminKey = Variable("ORLEANSCONFIG_ADMIN_KEY") ?? "",
            Redis = Variable("ORLEANSCONFIG_REDIS") ?? "127.0.0.1:6379",
            ClusterId = Variable("ORLEANSCONFIG_CLUSTER_ID") ?? "orleansconfig",
            ServiceId = Variable("ORLEANSCONFIG_SERVICE_ID") ?? "orleansconfig",
        };
        var volume = (SeedVolume?)null;
        var scenarios = new List<string>();
        var allowed = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-seed")
            {
                options = options with { Seed = false };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            SeedVolume Volume() => volume ?? options.Profile.Volume;
            options = name switch
            {
                "--profile" => options with
                {
                    Profile = ProfileSettings.ByName(value)
                        ?? throw new FormatException(
                            $"--profile '{value}' is not a profile; use smoke, machine or staging."),
                },
                "--scenario" => Add(options, scenarios, value),
                "--target" => options with { Target = ReadUri(value) },
                "--allow-target" => AddHost(options, allowed, value),
                "--driver" => options with { Driver = ReadDriver(value) },
                "--out" => options with { OutputDirectory = value },
                "--key" => options with { AdminKey = value },
                "--seed-state" => options with { SeedStatePath = value },
                "--prefix" => options with { Prefix = value },
                "--namespaces" => options with
                {
                    Volume = volume = Volume() with { Namespaces = Count(name, value, 1) },
                },
                "--keys" => options with { Volume = volume = Volume() with { Keys = Count(name, value, 0) } },
                "--flags" => options with { Volume = volume = Volume() with { Flags = Count(name, value, 0) } },
                "--secrets" => options with { Volume = volume = Volume() with { Secrets = Count(name, value, 0) } },
                "--audit-records" => options with
                {
                    Volume = volume = Volume() with { AuditRecords = Count(name, value, 0) },
                },
                "--ramp" => options with { Ramp = Seconds(name, value, 0) },
                "--steady" => options with { Steady = Seconds(name, value, 1) },
                "--ramp-down" => options with { RampDown = Seconds(name, value, 0) },
                "--soak" => options with { Soak = Seconds(name, value, 1) },
                "--rate-scale" => options with { RateScale = Number(name, value, 0.001, 1000) },
                "--max-requests" => options with { MaxRequests = Count(name, value, 1) },
                "--watch" => options with { Watched = ReadWatched(value) },
                "--slo" => options with { SloPath = value },
                "--redis" => options with { Redis = value },
                "--cluster-id" => options with { ClusterId = value },
                "--service-id" => options with { ServiceId = value },
                _ => throw new FormatException($"Unknown option '{name}'; see --help."),
            };
        }

        return Validate(options);
    }

    private static LoadOptions Validate(LoadOptions options)
    {
        if (options.OutputDirectory.Length == 0)
        {
            throw new FormatException("--out is missing; name the folder that receives report.md and report.html.");
        }

        if (options.AdminKey.Length == 0)
        {
            throw new FormatException("No admin key: pass --key or set ORLEANSCONFIG_ADMIN_KEY.");
        }

        if (TargetGuard.Check(options.Target, options.AllowedHosts) is { } problem)
        {
            throw new FormatException(problem);
        }

        var unknown = options.Scenarios.Where(s => !ScenarioNames.All.Contains(s)).ToArray();

        return unknown.Length == 0
            ? options
            : throw new FormatException($"--scenario '{unknown[0]}' is not a scenario; use one of "
                + $"{string.Join(", ", ScenarioNames.All)}.");
    }

    private static LoadOptions Add(LoadOptions options, List<string> scenarios, string value)
    {
        scenarios.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        return options with { Scenarios = [.. scenarios] };
    }

    private static LoadOptions AddHost(LoadOptions options, List<string> hosts, string value)
    {
        hosts.Add(value);

        return options with { AllowedHosts = [.. hosts] };
    }

    private static Uri ReadUri(string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"--target '{value}' is not an http or https URL.");

    private static DriverKind ReadDriver(string value) => value switch
    {
        "http" => DriverKind.Http,
        "orleans" => DriverKind.Orleans,
        _ => throw new FormatException($"--driver '{value}' is not a driver; use http or orleans."),
    };

    private static int Count(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= min
            ? count
            : throw new FormatException($"{name} '{value}' is not a whole number of at least {min}.");

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} '{value}' is not a number from {min} to {max}.");

    private static TimeSpan Seconds(string name, string value, double min) =>
        TimeSpan.FromSeconds(Number(name, value, min, 86_400));

    private static Dictionary<string, int> ReadWatched(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=') is [{ Length: > 0 } process, var pid]
                && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? (process, id)
                    : throw new FormatException($"--watch '{entry}' is not NAME=PID; send for example silo=1234."))
            .ToDictionary(p => p.process, p => p.id);

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
