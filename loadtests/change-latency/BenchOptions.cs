using System.Globalization;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>Settings of one measurement run, read from the command line.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Usage: ChangeLatency [options]
          --api URL            base URL of the api (default http://127.0.0.1:5080)
          --key KEY            admin key (default: $ORLEANSCONFIG_ADMIN_KEY)
          --redis CONFIG       StackExchange.Redis string of the cluster's membership store, for the
                               co-hosted cases (default: $ORLEANSCONFIG_REDIS or 127.0.0.1:6379)
          --cluster-id ID      Orleans cluster id (default: $ORLEANSCONFIG_CLUSTER_ID or orleansconfig)
          --service-id ID      Orleans service id (default: $ORLEANSCONFIG_SERVICE_ID or orleansconfig)
          --paths LIST         sse, cluster or both, comma-separated (default sse,cluster)
          --subscribers LIST   subscriber counts, comma-separated (default 1,100)
          --rate N             writes per second (default 20)
          --duration S         measured seconds per case (default 30)
          --warmup S           seconds of writes per case before measuring (default 5)
          --keys N             keys the writes rotate over (default 20)
          --namespace NAME     namespace of the benchmark environments (default bench)
          --probe S            seconds of single-key reads after the cases, as a reference (default 10;
                               0 skips them)
          --drain S            seconds to wait for the last events after the last write (default 15)
          --watch LIST         processes whose CPU time each case reports, as NAME=PID pairs,
                               comma-separated (run.sh passes silo=PID,api=PID)
          --output FILE        also write the Markdown table to FILE
        """;

    public Uri Api { get; init; } = new("http://127.0.0.1:5080");

    public string Key { get; init; } = "";

    public string Redis { get; init; } = "127.0.0.1:6379";

    public string ClusterId { get; init; } = "orleansconfig";

    public string ServiceId { get; init; } = "orleansconfig";

    public IReadOnlyList<SubscriberPath> Paths { get; init; } = [SubscriberPath.Sse, SubscriberPath.Cluster];

    public IReadOnlyList<int> SubscriberCounts { get; init; } = [1, 100];

    /// <summary>Writes per second, started on a fixed schedule whether or not earlier writes returned.</summary>
    public double Rate { get; init; } = 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public int KeyCount { get; init; } = 20;

    public string Namespace { get; init; } = "bench";

    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the reference reads of <see cref="ReadProbe"/> run after the cases.</summary>
    public TimeSpan Probe { get; init; } = TimeSpan.FromSeconds(10);

    public string? Output { get; init; }

    public IReadOnlyDictionary<string, int> Watched { get; init; } = new Dictionary<string, int>();

    public int WarmupWrites => (int)Math.Round(Warmup.TotalSeconds * Rate);

    public int MeasuredWrites => (int)Math.Round(Duration.TotalSeconds * Rate);

    /// <summary>Reads the options; throws <see cref="FormatException"/> naming the invalid one.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var options = FromEnvironment();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--api" => options with { Api = ReadUri(name, value) },
                "--key" => options with { Key = value },
                "--redis" => options with { Redis = value },
                "--cluster-id" => options with { ClusterId = value },
                "--service-id" => options with { ServiceId = value },
                "--paths" => options with { Paths = ReadList(name, value, ReadPath) },
                "--subscribers" => options with { SubscriberCounts = ReadList(name, value, ReadCount) },
                "--rate" => options with { Rate = ReadNumber(name, value, 0.1, 1000) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(ReadNumber(name, value, 1, 3600)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(ReadNumber(name, value, 0, 600)) },
                "--keys" => options with { KeyCount = ReadCount(name, value) },
                "--namespace" => options with { Namespace = value },
                "--probe" => options with { Probe = TimeSpan.FromSeconds(ReadNumber(name, value, 0, 600)) },
                "--drain" => options with { Drain = TimeSpan.FromSeconds(ReadNumber(name, value, 1, 600)) },
                "--output" => options with { Output = value },
                "--watch" => options with { Watched = ReadList(name, value, ReadProcess).ToDictionary() },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
        }

        return options.Key.Length > 0
            ? options
            : throw new FormatException("No admin key: pass --key or set ORLEANSCONFIG_ADMIN_KEY.");
    }

    private static BenchOptions FromEnvironment()
    {
        var defaults = new BenchOptions();

        return defaults with
        {
            Key = Read("ORLEANSCONFIG_ADMIN_KEY") ?? defaults.Key,
            Redis = Read("ORLEANSCONFIG_REDIS") ?? defaults.Redis,
            ClusterId = Read("ORLEANSCONFIG_CLUSTER_ID") ?? defaults.ClusterId,
            ServiceId = Read("ORLEANSCONFIG_SERVICE_ID") ?? defaults.ServiceId,
        };
    }

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Reads a base URL; a trailing slash is added so that relative paths append to it.</summary>
    private static Uri ReadUri(string name, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{name} '{value}' is not an http or https URL.");

    private static double ReadNumber(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} '{value}' is not a number from {min} to {max}.");

    private static int ReadCount(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is > 0 and <= 10_000
            ? count
            : throw new FormatException($"{name} '{value}' is not a whole number from 1 to 10000.");

    private static SubscriberPath ReadPath(string name, string value) => value switch
    {
        "sse" => SubscriberPath.Sse,
        "cluster" => SubscriberPath.Cluster,
        _ => throw new FormatException($"{name} '{value}' is not a path; use sse or cluster."),
    };

    private static KeyValuePair<string, int> ReadProcess(string name, string value) =>
        value.Split('=') is [{ Length: > 0 } process, var pid]
        && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new KeyValuePair<string, int>(process, id)
            : throw new FormatException($"{name} '{value}' is not NAME=PID; send for example silo=1234.");

    private static IReadOnlyList<T> ReadList<T>(string name, string value, Func<string, string, T> read) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => read(name, item))
            .ToArray() is { Length: > 0 } items
            ? items
            : throw new FormatException($"{name} is empty.");
}

/// <summary>How subscribers receive changes.</summary>
public enum SubscriberPath
{
    /// <summary>Server-Sent Events from the api's watch endpoint.</summary>
    Sse,

    /// <summary>An Orleans client with a <c>ClusterChangeSubscription</c> each.</summary>
    Cluster,
}
