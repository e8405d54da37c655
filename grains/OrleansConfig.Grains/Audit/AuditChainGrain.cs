using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansConfig.Audit;

/// <summary>
/// The only writer of one audit chain. It keeps the chain's last sequence number and hash in memory,
/// skips records whose ids are stored already (a change reported again after a crash), and signs the
/// head every <see cref="AuditOptions.CheckpointEvery"/> records or <see cref="AuditOptions.CheckpointInterval"/>.
/// </summary>
public sealed partial class AuditChainGrain(
    IAuditStore store,
    AuditSigner signer,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<AuditOptions> options,
    ILogger<AuditChainGrain> logger) : Grain, IAuditChainGrain
{
    private string _chain = "";
    private long _seq;
    private byte[] _hash = AuditHashing.Genesis;
    private long _checkpointSeq;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _chain = this.GetPrimaryKeyString();
        (_seq, _hash) = await store.ReadHeadAsync(_chain, cancellationToken);
        _checkpointSeq = (await store.ReadLatestCheckpointAsync(_chain, cancellationToken))?.Seq ?? 0;
        var interval = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(CheckpointIfBehind,
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointIfBehind(cancellationToken);
    }

    public async Task Append(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var ids = records.Select(r => r.Id).Distinct().ToArray();
        var existing = await store.FindExistingAsync(ids, CancellationToken.None);
        var seen = new HashSet<string>(existing, StringComparer.Ordinal);
        var chained = new List<ChainedRecord>(records.Count);
        var seq = _seq;
        var previous = _hash;
        foreach (var record in records)
        {
            if (!seen.Add(record.Id))
            {
                continue;
            }

            var stored = record with { Time = AuditHashing.ToStoredPrecision(record.Time) };
            seq++;
            var hash = signer.Link(_chain, seq, stored, previous);
            chained.Add(new ChainedRecord(seq, stored, previous, hash));
            previous = hash;
        }

        if (chained.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendAsync(_chain, chained, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAppendFailed(_chain, chained.Count, exception);

            // The head may have moved under another activation: read it again before the next append.
            DeactivateOnIdle();

            // Database exceptions cannot cross grain calls; the cause is in the log line above.
            throw new AuditUnavailableException(
                $"The audit chain '{_chain}' could not be written ({exception.GetType().Name}).");
        }

        _seq = seq;
        _hash = previous;
        if (_seq - _checkpointSeq >= options.Value.CheckpointEvery)
        {
            await Checkpoint(CancellationToken.None);
        }
    }

    public async Task<AuditVerification> Verify()
    {
        await CheckpointIfBehind(CancellationToken.None);

        return await AuditVerifier.VerifyAsync(_chain, store, signer, CancellationToken.None);
    }

    private async Task CheckpointIfBehind(CancellationToken cancellationToken)
    {
        if (_seq > _checkpointSeq)
        {
            try
            {
                await Checkpoint(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckpointFailed(_chain, _seq, exception);
            }
        }
    }

    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        var signedAt = AuditHashing.ToStoredPrecision(time.GetUtcNow());
        var checkpoint = new AuditCheckpoint(_seq, _hash, signedAt, signer.KeyId,
            signer.Sign(_chain, _seq, _hash, signedAt));
        await store.AppendCheckpointAsync(_chain, checkpoint, cancellationToken);
        _checkpointSeq = _seq;
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "Audit chain {Chain} could not append {Count} records; the changes they record fail until it can")]
    private partial void LogAppendFailed(string chain, int count, Exception exception);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
        Message = "Audit chain {Chain} could not sign its head at record {Seq}")]
    private partial void LogCheckpointFailed(string chain, long seq, Exception exception);
}
