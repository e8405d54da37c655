using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansConfig.LoadTests.ChangeLatency;

if (args.Contains("--help"))
{
    Console.WriteLine(BenchOptions.Usage);

    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchOptions.Usage);

    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"api {options.Api}, {options.Rate} writes/s over {options.KeyCount} keys, {options.Warmup.TotalSeconds} s "
    + $"warm-up then {options.Duration.TotalSeconds} s measured per case"));

using var api = new ApiClient(options.Api, options.Key);
IHost? client = null;
if (options.Paths.Contains(SubscriberPath.Cluster))
{
    Console.WriteLine($"Connecting an Orleans client to cluster '{options.ClusterId}' through Redis {options.Redis}");
    client = await ClusterClientHost.StartAsync(options.Redis, options.ClusterId, options.ServiceId,
        cancel.Token);
}

var results = new List<CaseResult>();
LatencySummary? probe = null;
try
{
    var grains = client?.Services.GetRequiredService<IGrainFactory>();
    var logger = client?.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChangeLatency")
        ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    var latencyCase = new LatencyCase(options, api, grains, logger);
    foreach (var path in options.Paths)
    {
        foreach (var subscribers in options.SubscriberCounts)
        {
            var result = await latencyCase.RunAsync(path, subscribers, cancel.Token);
            results.Add(result);
            Report.PrintCase(result);
        }
    }

    if (options.Probe > TimeSpan.Zero)
    {
        probe = await ReadProbe.RunAsync(api, options, cancel.Token);
    }
}
finally
{
    if (client is not null)
    {
        await client.StopAsync(CancellationToken.None);
        client.Dispose();
    }
}

var table = ResultTable.Format(results, probe, options.Rate);
Console.WriteLine();
Console.WriteLine(table);
if (options.Output is not null)
{
    await File.WriteAllTextAsync(options.Output, table);
}

return results.All(r => r.Passed) ? 0 : 1;
