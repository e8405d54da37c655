using OrleansConfig.LoadTests.Platform;
using OrleansConfig.LoadTests.Platform.Options;
using OrleansConfig.LoadTests.Platform.Seeding;

if (args.Contains("--help"))
{
    Console.WriteLine(LoadOptionsParser.Usage);

    return 0;
}

LoadOptions options;
try
{
    options = LoadOptionsParser.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoadOptionsParser.Usage);

    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var commit = Environment.GetEnvironmentVariable("LOADTESTS_COMMIT") is { Length: > 0 } value ? value : "unknown";
var command = Environment.GetEnvironmentVariable("LOADTESTS_COMMAND") is { Length: > 0 } text
    ? text
    : "PlatformLoad " + string.Join(' ', args.Select(a => a == options.AdminKey ? "<key>" : a));
try
{
    await new LoadRun(options, Console.Out).RunAsync(command, commit, cancel.Token);

    return 0;
}
catch (Exception exception) when (exception is InvalidOperationException or SeedException or HttpRequestException
    or InvalidDataException or FileNotFoundException)
{
    Console.Error.WriteLine($"The load run failed: {exception.Message}");

    return 1;
}
