using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// Silo processes and an api process started from the built assemblies, as production runs them:
/// membership in the real Redis, grain state in the real PostgreSQL. Each instance has its own
/// cluster and service id. Logs go to files under the temp folder, named in failure messages.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private const string AdminKeyVariable = "ORLEANSCONFIG_ADMIN_KEY";

    private static readonly string LogFolder = Path.Combine(Path.GetTempPath(), "orleansconfig-tests");

    private readonly List<Process?> _silos = [];
    private readonly Dictionary<string, string> _environment;
    private Process? _api;
    private Process? _secondApi;

    private ProcessCluster(string serviceId, IDictionary<string, string>? extraEnvironment)
    {
        ServiceId = serviceId;
        _environment = new Dictionary<string, string>
        {
            ["ORLEANSCONFIG_POSTGRES"] = TestServices.Postgres,
            ["ORLEANSCONFIG_REDIS"] = TestServices.Redis,
            ["ORLEANSCONFIG_CLUSTER_ID"] = serviceId,
            ["ORLEANSCONFIG_SERVICE_ID"] = serviceId,
            ["ORLEANSCONFIG_FAST_FAILURE_DETECTION"] = "1",
            ["OrleansConfig__Store__ReconcileInterval"] = "00:00:01",
            ["DOTNET_gcServer"] = "0",
            [AdminKeyVariable] = TestKeys.NewToken(),
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            _environment[name] = value;
        }

        // When the test chose the key, the test sends it itself, so Http sends none.
        var chosen = extraEnvironment?.ContainsKey(AdminKeyVariable) == true;
        AdminKey = chosen ? "" : _environment[AdminKeyVariable];
        if (_environment[AdminKeyVariable].Length == 0)
        {
            _environment.Remove(AdminKeyVariable);
        }

        Directory.CreateDirectory(LogFolder);
    }

    public string ServiceId { get; }

    /// <summary>
    /// The global admin key, new for each cluster, that the api bootstraps at start through
    /// <c>ORLEANSCONFIG_ADMIN_KEY</c> and that <see cref="Http"/> sends on every request. When the
    /// environment given to <see cref="StartAsync"/> sets the variable, the api gets that value
    /// (an empty one leaves the variable unset), and this key is empty, so <see cref="Http"/> sends none.
    /// </summary>
    public string AdminKey { get; }

    /// <summary>The id part of <see cref="AdminKey"/>, which versions name as their author.</summary>
    public string AdminKeyId => AdminKey.Length > 0 ? AdminKey.Split('_')[1] : "";

    public Uri ApiAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<ProcessCluster> StartAsync(int silos, IDictionary<string, string>? environment = null)
    {
        await TestServices.RequirePostgresAsync();
        var cluster = new ProcessCluster(TestServices.NewServiceId(), environment);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await cluster.StartApiAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public string LogPath(string name) => Path.Combine(LogFolder, $"{ServiceId}-{name}.log");

    /// <summary>Starts one more silo; returns its index.</summary>
    public int StartSilo()
    {
        var index = _silos.Count;
        var environment = new Dictionary<string, string>(_environment)
        {
            ["ORLEANSCONFIG_SILO_PORT"] = TestPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORLEANSCONFIG_GATEWAY_PORT"] =
                TestPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _silos.Add(Start(RepositoryPaths.SiloAssembly, [], environment, $"silo{index}"));

        return index;
    }

    /// <summary>Kills a silo with SIGKILL: no shutdown, no flush, as a crash would.</summary>
    public void KillSilo(int index)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        silo.Kill(entireProcessTree: true);
        silo.WaitForExit();
        _silos[index] = null;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_api is { HasExited: true } exited)
            {
                // Waiting without a timeout also waits for the output handlers, so the log is complete.
                exited.WaitForExit();
                throw new InvalidOperationException($"The api exited with code {exited.ExitCode} before it was "
                    + $"ready. Logs: {LogPath("api")}, {LogPath("silo0")}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The api was not ready within {timeout}: {last}. Logs: {LogPath("api")}, {LogPath("silo0")}");
    }

    /// <summary>
    /// Waits until the api's readiness check reports <paramref name="count"/> active silos: a silo
    /// that is still joining takes no grains, so a test that kills another one must wait for it.
    /// </summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var expected = $"{count} active silo(s)";
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync("/health/ready");
            last = await response.Content.ReadAsStringAsync();
            if (last.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The cluster did not report {expected} within {timeout}: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        foreach (var process in _silos.Append(_api).Append(_secondApi))
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process?.Dispose();
        }
    }

    /// <summary>
    /// Starts a second api process on the same cluster, as a load balancer's second instance;
    /// returns its address.
    /// </summary>
    public async Task<Uri> StartSecondApiAsync()
    {
        var address = new Uri($"http://127.0.0.1:{TestPorts.Next()}");
        _secondApi = Start(RepositoryPaths.ApiAssembly, ["--urls", address.ToString()], _environment, "api2");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The second api was not ready within 60 s; log: {LogPath("api2")}");
            }

            await Task.Delay(250);
        }
    }

    private async Task StartApiAsync()
    {
        var port = TestPorts.Next();
        ApiAddress = new Uri($"http://127.0.0.1:{port}");
        _api = Start(RepositoryPaths.ApiAssembly, ["--urls", ApiAddress.ToString()], _environment, "api");
        Http = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (AdminKey.Length > 0)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        }
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    private Process Start(string assembly, string[] arguments, Dictionary<string, string> environment, string name)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(LogPath(name), append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {assembly}.");

        // The log closes when both streams have ended, not when the process exits: the last lines
        // of a crashing process, such as its unhandled exception, arrive after the exit event.
        var openStreams = 2;
        void OnLine(string? line)
        {
            if (line is not null)
            {
                Write(log, line);
            }
            else if (Interlocked.Decrement(ref openStreams) == 0)
            {
                lock (log)
                {
                    log.Dispose();
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return process;
    }

    private static void Write(StreamWriter log, string line)
    {
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Both streams ended and the log is closed; nothing is written after that.
            }
        }
    }
}
