using System.Text.Json;
using OrleansConfig.LoadTests.Platform.Options;
using OrleansConfig.LoadTests.Platform.Seeding;

namespace OrleansConfig.LoadTests.Platform;

/// <summary>
/// The command line: exit code 0 when the report was written (whatever the objectives' verdicts), 1 when the
/// run failed, 2 for invalid options.
/// </summary>
internal static class PlatformLoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(LoadOptionsParser.Usage);

            return 0;
        }

        if (args.Length > 0 && args[0] == "--render")
        {
            return Render(args);
        }

        // --check validates the options, the target's host included, before anything is sent.
        var check = args.Contains("--check");
        args = [.. args.Where(a => a != "--check")];

        LoadOptions options;
        try
        {
            options = LoadOptionsParser.Parse(args);
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync(LoadOptionsParser.Usage);

            return 2;
        }

        if (check)
        {
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await new LoadRun(options, Console.Out).RunAsync(Command(args, options), Commit(), cancel.Token);

            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or SeedException
            or HttpRequestException or InvalidDataException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"The load run failed: {exception.Message}");

            return 1;
        }
    }

    /// <summary>
    /// Runs <c>--render DIR/report.json --out DIR [--slo FILE]</c>: writes the report of an earlier run again
    /// without sending a request.
    /// </summary>
    private static int Render(string[] args)
    {
        string? Value(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

        var source = Value("--render");
        var folder = Value("--out");
        var names = args.Where((_, i) => i % 2 == 0).ToArray();
        if (source is null || folder is null || args.Length % 2 != 0
            || names.Any(name => name is not ("--render" or "--out" or "--slo")))
        {
            Console.Error.WriteLine("Usage: --render DIR/report.json --out DIR [--slo FILE]; no other option applies.");

            return 2;
        }

        if (!File.Exists(source))
        {
            Console.Error.WriteLine(Directory.Exists(source)
                ? $"{source} is a folder; name the report.json in it."
                : $"There is no file {source}; name the report.json that a load run wrote.");

            return 1;
        }

        try
        {
            LoadRun.Render(source, folder, Value("--slo"), Console.Out);

            return 0;
        }
        catch (JsonException)
        {
            Console.Error.WriteLine($"{source} is not the JSON of a load run; name the report.json that a run wrote.");

            return 1;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException
            or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"The report could not be written again: {exception.Message}");

            return 1;
        }
    }

    /// <summary>
    /// Returns the command line for the report, from loadtests/run.sh or this process without the key.
    /// </summary>
    private static string Command(string[] args, LoadOptions options) =>
        Environment.GetEnvironmentVariable("LOADTESTS_COMMAND") is { Length: > 0 } command
            ? command
            : "PlatformLoad " + string.Join(' ', args.Select(a => a == options.AdminKey ? "<key>" : a));

    private static string Commit() =>
        Environment.GetEnvironmentVariable("LOADTESTS_COMMIT") is { Length: > 0 } commit ? commit : "unknown";
}
