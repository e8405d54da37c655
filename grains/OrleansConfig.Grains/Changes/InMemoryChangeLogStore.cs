using OrleansConfig.Configuration;

namespace OrleansConfig.Changes;

/// <summary>
/// The change log of the in-memory development mode, held by the silo process. Its environment
/// grains never deactivate there, so the log only has to outlive nothing.
/// </summary>
public sealed class InMemoryChangeLogStore : IChangeLogStore
{
    private readonly Dictionary<(string, string), Log> _logs = [];
    private readonly Lock _lock = new();

    public bool IsDurable => false;

    public Task<ChangeLogHead?> LoadAsync(string ns, string env, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var head = _logs.TryGetValue((ns, env), out var log)
                ? new ChangeLogHead(
                    log.Head, log.FirstRetained, log.Head, new Dictionary<ChangeItem, int>(log.Versions))
                : null;

            return Task.FromResult(head);
        }
    }

    public Task StartAsync(string ns, string env, long revision, IReadOnlyDictionary<ChangeItem, int> versions,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _logs[(ns, env)] = new Log
            {
                Head = revision,
                FirstRetained = revision + 1,
                Versions = new Dictionary<ChangeItem, int>(versions),
            };
        }

        return Task.CompletedTask;
    }

    public Task AppendAsync(string ns, string env, long expectedHead, IReadOnlyList<ChangeEvent> events,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_logs.TryGetValue((ns, env), out var log))
            {
                log = new Log { FirstRetained = 1 };
                _logs[(ns, env)] = log;
            }

            if (log.Head != expectedHead)
            {
                throw new ChangeLogConflictException(
                    $"The change log of {ns}/{env} is at revision {log.Head}, not {expectedHead}.");
            }

            foreach (var change in events)
            {
                log.Events.Add(change);
                log.Versions[new ChangeItem(change.Kind, ConfigKeyRules.Normalize(change.Key))] = change.Version;
                log.Head = change.Revision;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChangeEvent>> ReadAsync(string ns, string env, long afterRevision, int limit,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ChangeEvent> page = _logs.TryGetValue((ns, env), out var log)
                ? log.Events.Where(e => e.Revision > afterRevision).Take(limit).ToArray()
                : [];

            return Task.FromResult(page);
        }
    }

    public Task TrimAsync(string ns, string env, long firstKept, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_logs.TryGetValue((ns, env), out var log))
            {
                log.Events.RemoveAll(e => e.Revision < firstKept);
                log.FirstRetained = Math.Max(log.FirstRetained, firstKept);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Log
    {
        public long Head { get; set; }

        public long FirstRetained { get; set; }

        public Dictionary<ChangeItem, int> Versions { get; init; } = [];

        public List<ChangeEvent> Events { get; } = [];
    }
}
