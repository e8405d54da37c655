namespace OrleansConfig.Audit;

/// <summary>The audit log of the in-memory development mode: it lasts as long as the process.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Dictionary<string, List<ChainedRecord>> _chains = [];
    private readonly Dictionary<string, List<AuditCheckpoint>> _checkpoints = [];
    private readonly HashSet<string> _ids = [];
    private readonly List<AuditEntry> _entries = [];
    private readonly Lock _lock = new();

    public Task<(long Seq, byte[] Hash)> ReadHeadAsync(string chain, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_chains.TryGetValue(chain, out var records) && records.Count > 0
                ? (records[^1].Seq, records[^1].Hash)
                : (0L, AuditHashing.Genesis));
        }
    }

    public Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlySet<string> found = ids.Where(_ids.Contains).ToHashSet();

            return Task.FromResult(found);
        }
    }

    public Task AppendAsync(string chain, IReadOnlyList<ChainedRecord> records, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_chains.TryGetValue(chain, out var list))
            {
                list = [];
                _chains[chain] = list;
            }

            list.AddRange(records);
            _ids.UnionWith(records.Select(r => r.Record.Id));
            _entries.AddRange(records.Select(r => new AuditEntry(_entries.Count + 1, chain, r.Seq, r.Record, r.Hash)));
        }

        return Task.CompletedTask;
    }

    public Task AppendCheckpointAsync(string chain, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_checkpoints.TryGetValue(chain, out var list))
            {
                list = [];
                _checkpoints[chain] = list;
            }

            list.Add(checkpoint);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChainedRecord>> ReadChainAsync(string chain, long afterSeq, int limit,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ChainedRecord> page = _chains.TryGetValue(chain, out var list)
                ? list.Where(r => r.Seq > afterSeq).Take(limit).ToArray()
                : [];

            return Task.FromResult(page);
        }
    }

    public Task<AuditCheckpoint?> ReadLatestCheckpointAsync(string chain, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_checkpoints.TryGetValue(chain, out var list) && list.Count > 0 ? list[^1] : null);
        }
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var matches = _entries.Where(e => Matches(e, query));
            matches = query.Ascending
                ? matches.OrderBy(e => e.Record.Time).ThenBy(e => e.Position)
                : matches.OrderByDescending(e => e.Record.Time).ThenByDescending(e => e.Position);
            var page = matches.Take(query.Limit + 1).ToList();
            AuditCursor? next = null;
            if (page.Count > query.Limit)
            {
                var last = page[query.Limit - 1];
                next = new AuditCursor(last.Record.Time, last.Position);
            }


            return Task.FromResult(new AuditPage(page.Take(query.Limit).ToArray(), next));
        }
    }

    public Task<long> ReadBacklogAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    private static bool Matches(AuditEntry entry, AuditQuery query)
    {
        var r = entry.Record;
        if ((query.From is { } from && r.Time < from) || (query.To is { } to && r.Time >= to)
            || (query.Actor is { } actor && r.Actor != actor && r.Credential != actor && r.Credential != "key " + actor)
            || (query.Namespace is { } ns && r.Namespace != ns)
            || (query.Environment is { } env && r.Environment != env)
            || (query.Resource is { } resource && r.Resource != resource)
            || (query.Action is { } action && r.Action != action))
        {
            return false;
        }

        if (query.After is not { } after)
        {
            return true;
        }

        var order = r.Time.CompareTo(after.Time);
        if (order == 0)
        {
            order = entry.Position.CompareTo(after.Position);
        }


        return query.Ascending ? order > 0 : order < 0;
    }
}
