using System.Diagnostics;

namespace OrleansConfig.LoadTests.Platform.Monitoring;

/// <summary>
/// One second of one process: CPU in cores (1.0 is one core busy all second) and resident memory in MB.
/// </summary>
public sealed record ResourcePoint(int Second, double CpuCores, double ResidentMb);

/// <summary>The samples of one watched process, or of the whole machine (<c>machine</c>, memory not sampled).</summary>
public sealed record ProcessSeries(string Name, int Pid, IReadOnlyList<ResourcePoint> Points);

/// <summary>
/// Samples the CPU time and resident memory of the watched processes once a second, each with its child
/// processes (a PostgreSQL server's backends, whose shared memory is counted once per process). It also
/// samples this load generator and the machine's busy cores. It reads /proc, so it samples nothing off Linux.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    public const string LoadGenerator = "load generator";
    public const string Machine = "machine";

    private readonly Dictionary<string, int> _watched;
    private readonly Dictionary<string, List<ResourcePoint>> _points = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ProcessSampler(IReadOnlyDictionary<string, int> watched)
    {
        ArgumentNullException.ThrowIfNull(watched);

        _watched = new Dictionary<string, int>(watched) { [LoadGenerator] = Environment.ProcessId };
        foreach (var name in _watched.Keys.Append(Machine))
        {
            _points[name] = [];
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>
    /// The second the sampler is at, counted from its start; scenarios note it at their start and end.
    /// </summary>
    public int Second => (int)_clock.Elapsed.TotalSeconds;

    public IReadOnlyList<ProcessSeries> Series()
    {
        lock (_lock)
        {
            return _points.Select(p => new ProcessSeries(p.Key, _watched.GetValueOrDefault(p.Key), [.. p.Value]))
                .ToArray();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var previous = Read();
        var previousMachine = ProcFs.MachineTicks();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = Read();
                var machine = ProcFs.MachineTicks();
                lock (_lock)
                {
                    foreach (var (name, (ticks, resident)) in current)
                    {
                        var cores = (ticks - previous.GetValueOrDefault(name).Ticks) / ProcFs.TicksPerSecond;
                        _points[name].Add(new ResourcePoint(Second, Math.Max(0, cores), resident / 1048576.0));
                    }

                    _points[Machine].Add(new ResourcePoint(Second,
                        Math.Max(0, (machine.Busy - previousMachine.Busy) / ProcFs.TicksPerSecond), 0));
                }

                previous = current;
                previousMachine = machine;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private Dictionary<string, (long Ticks, long Resident)> Read()
    {
        var children = ProcFs.ChildrenByParent();

        return _watched.ToDictionary(p => p.Key, p =>
        {
            var family = children.GetValueOrDefault(p.Value, []).Append(p.Value).ToArray();

            return (family.Sum(ProcFs.ProcessTicks), family.Sum(ProcFs.ResidentBytes));
        });
    }
}
