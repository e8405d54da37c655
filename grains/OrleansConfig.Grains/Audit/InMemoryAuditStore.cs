namespace OrleansConfig.Audit;

/// <summary>The audit log of the in-memory development mode: it lasts as long as the process.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Dictionary<string, List<ChainedRecord>> _chains = [];
    private readonly Dictionary<string, List<AuditCheckpoint>> _checkpoints = [];
    private readonly HashSet<string> _ids = [];
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
}
