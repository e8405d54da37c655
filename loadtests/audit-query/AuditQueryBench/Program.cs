using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;
using OrleansConfig.LoadTests.AuditQuery;

const string Usage = """
    Usage:
      AuditQueryBench fill  [--records 1000000] [--days 90] [--seed 1]
      AuditQueryBench query [--queries 200] [--pages 3] [--seed 1]
    Environment:
      ORLEANSCONFIG_POSTGRES    the silo's database (both commands)
      ORLEANSCONFIG_SERVICE_ID  the silo's service id (default orleansconfig)
      ORLEANSCONFIG_AUDIT_KEY   the silo's audit key (fill), so that the chains verify
      ORLEANSCONFIG_API_URL     the api (query; default http://127.0.0.1:5080)
      ORLEANSCONFIG_ADMIN_KEY   a global admin key (query)
    """;

if (args.Length == 0 || args[0] is not ("fill" or "query"))
{
    Console.Error.WriteLine(Usage);

    return 2;
}

try
{
    return await RunAsync(args[0], ReadOptions(args.Skip(1).ToArray()));
}
catch (Exception exception) when (exception is InvalidOperationException or ArgumentException
    or HttpRequestException or NpgsqlException)
{
    Console.Error.WriteLine($"AuditQueryBench {args[0]} failed: {exception.Message}");

    return 1;
}

async Task<int> RunAsync(string command, Dictionary<string, string> options)
{
    var seed = Option(options, "seed", 1);
    var serviceId = Environment.GetEnvironmentVariable("ORLEANSCONFIG_SERVICE_ID") is { Length: > 0 } id
        ? id
        : "orleansconfig";
    await using var dataSource = NpgsqlDataSource.Create(Required("ORLEANSCONFIG_POSTGRES"));
    var layout = new BenchLayout(seed);

    if (command == "fill")
    {
        var records = Option(options, "records", 1_000_000);
        var days = Option(options, "days", 90);
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Console.WriteLine($"Filling {records:N0} audit records over {days} days for service id '{serviceId}'");
        var generator = new AuditLogGenerator(layout, seed);
        await new AuditFill(dataSource, serviceId, AuditLogGenerator.SignerFromEnvironment())
            .RunAsync(generator.Generate(records, end, days), Console.Out);

        return 0;
    }

    var (first, last) = await ReadPeriodAsync(dataSource, serviceId);
    var api = Environment.GetEnvironmentVariable("ORLEANSCONFIG_API_URL") is { Length: > 0 } url
        ? url
        : "http://127.0.0.1:5080";
    using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Authorization =
        new AuthenticationHeaderValue("Bearer", Required("ORLEANSCONFIG_ADMIN_KEY"));
    Console.WriteLine($"Querying {api} over records from {first:u} to {last:u}");
    var run = new QueryRun(http, layout, first, last, seed)
    {
        Queries = Option(options, "queries", 200),
        Pages = Option(options, "pages", 3),
    };
    PrintTable(await run.RunAsync(Console.Out));

    return 0;
}

static void PrintTable(IReadOnlyList<ShapeResult> results)
{
    Console.WriteLine();
    Console.WriteLine("| Query shape | Requests | Records per page | p50 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var result in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {result.Name} | {result.Requests} | "
            + $"{result.MeanRows:F0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} |"));
    }
}

static int Option(Dictionary<string, string> options, string name, int fallback)
{
    if (!options.TryGetValue(name, out var text))
    {
        return fallback;
    }

    return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"--{name} '{text}' is not a positive whole number.");
}

static Dictionary<string, string> ReadOptions(string[] arguments)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < arguments.Length; i += 2)
    {
        if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= arguments.Length)
        {
            throw new ArgumentException($"'{arguments[i]}' is not an option with a value; send --name value.");
        }

        options[arguments[i][2..]] = arguments[i + 1];
    }

    return options;
}

static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
    ? value
    : throw new InvalidOperationException($"{name} is not set.\n{Usage}");

/// <summary>Reads the time span of the generated records, which the time-range queries fall within.</summary>
static async Task<(DateTimeOffset First, DateTimeOffset Last)> ReadPeriodAsync(NpgsqlDataSource dataSource,
    string serviceId)
{
    await using var command = dataSource.CreateCommand(
        "SELECT min(time), max(time) FROM orleansconfig_audit WHERE service_id = $1 AND chain <> '*'");
    command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    if (reader.IsDBNull(0))
    {
        throw new InvalidOperationException($"No namespace records for service id '{serviceId}'; run fill first.");
    }

    return (new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero));
}
