using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansConfig.Audit;

namespace OrleansConfig.LoadTests.AuditQuery;

/// <summary>
/// Sends GET /v1/audit queries of five shapes, one at a time, and measures each request from send to the
/// last byte of the response. Each query reads its first page and follows <c>next</c> for up to
/// <see cref="Pages"/> pages. Parameters are drawn at random from the generated layout and period.
/// </summary>
public sealed class QueryRun(HttpClient http, BenchLayout layout, DateTimeOffset first, DateTimeOffset last, int seed)
{
    /// <summary>How many queries of each shape are measured. The default value is 200.</summary>
    public int Queries { get; init; } = 200;

    /// <summary>How many pages each query reads at most, following <c>next</c>. The default value is 3.</summary>
    public int Pages { get; init; } = 3;

    /// <summary>Unmeasured queries of each shape that warm up the api, the grains and PostgreSQL's cache.</summary>
    public int WarmUp { get; init; } = 10;

    /// <summary>The whole run stops after this long, whatever is left. The default value is 10 minutes.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    private static readonly string[] QueriedActions =
    [
        AuditActions.ConfigUpdate, AuditActions.ConfigCreate, AuditActions.ConfigDelete, AuditActions.ConfigRollback,
        AuditActions.GrantSet, AuditActions.AuditRead,
    ];

    public async Task<IReadOnlyList<ShapeResult>> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var random = new Random(seed);
        var shapes = new (string Name, Func<string> Query)[]
        {
            ("time range (1 day)", () => Window(random, TimeSpan.FromDays(1))),
            ("namespace + environment + time range (7 days)",
                () => Scope(random) + "&" + Window(random, TimeSpan.FromDays(7))),
            ("actor (key id)", () => "actor=" + layout.Actors[random.Next(layout.Actors.Count)].KeyId),
            ("resource (configuration key)",
                () => "resource=" + Uri.EscapeDataString(layout.Keys[random.Next(layout.Keys.Count)])),
            ("action", () => "action=" + QueriedActions[random.Next(QueriedActions.Length)]),
        };
        var clock = Stopwatch.StartNew();
        var results = new List<ShapeResult>();
        foreach (var (name, query) in shapes)
        {
            for (var i = 0; i < WarmUp; i++)
            {
                await QueryAsync(query(), null);
            }

            var samples = new List<Sample>();
            for (var i = 0; i < Queries && clock.Elapsed < Deadline; i++)
            {
                await QueryAsync(query(), samples);
            }

            var result = ShapeResult.Of(name, samples);
            results.Add(result);
            await output.WriteLineAsync($"  {name}: {result.Requests} requests, p50 {result.P50:F1} ms, "
                + $"p99 {result.P99:F1} ms, max {result.Max:F1} ms");
        }

        return results;
    }

    /// <summary>
    /// Reads up to <see cref="Pages"/> pages of one query and adds each request to <paramref name="samples"/>,
    /// which warm-up queries leave null.
    /// </summary>
    private async Task QueryAsync(string filter, List<Sample>? samples)
    {
        string? after = null;
        for (var page = 1; page <= Pages; page++)
        {
            var path = "/v1/audit?" + filter + (after is null ? "" : "&after=" + after);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"GET {path} failed with {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            using var json = JsonDocument.Parse(body);
            var rows = json.RootElement.GetProperty("records").GetArrayLength();
            samples?.Add(new Sample(elapsed.TotalMilliseconds, rows, page));
            after = json.RootElement.GetProperty("next").GetString();
            if (after is null)
            {
                return;
            }
        }
    }

    private string Window(Random random, TimeSpan length)
    {
        var latestStart = (last - first - length).Ticks;
        var from = first.AddTicks(random.NextInt64(Math.Max(1, latestStart)));

        return $"from={Time(from)}&to={Time(from + length)}";
    }

    private static string Scope(Random random) =>
        $"namespace={BenchLayout.Namespaces[random.Next(BenchLayout.Namespaces.Length)]}"
        + $"&environment={BenchLayout.Environments[random.Next(BenchLayout.Environments.Length)]}";

    private static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

/// <summary>One request: its latency, the records it returned and which page of its query it was.</summary>
public readonly record struct Sample(double Milliseconds, int Rows, int Page);

/// <summary>Latency percentiles of one query shape, by nearest rank over the sorted samples.</summary>
public sealed record ShapeResult(string Name, int Requests, double MeanRows, double P50, double P99, double Max)
{
    public static ShapeResult Of(string name, List<Sample> samples)
    {
        if (samples.Count == 0)
        {
            return new ShapeResult(name, 0, 0, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();

        return new ShapeResult(name, sorted.Length, samples.Average(s => s.Rows), Percentile(sorted, 0.50),
            Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
