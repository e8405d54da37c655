namespace OrleansConfig.Audit;

/// <summary>
/// Walks a chain from its first record, checking that sequence numbers run without gaps, that each
/// record links to the hash of the one before, that each hash matches the record's fields, and that
/// the latest signed checkpoint is genuine and reached with the same hash.
/// </summary>
public static class AuditVerifier
{
    private const int PageSize = 2000;

    public static async Task<AuditVerification> VerifyAsync(string chain, IAuditStore store, AuditSigner signer,
        CancellationToken cancellationToken)
    {
        var checkpoint = await store.ReadLatestCheckpointAsync(chain, cancellationToken);
        if (checkpoint is not null && !signer.Verify(chain, checkpoint.Seq, checkpoint.Hash, checkpoint.SignedAt,
            checkpoint.Signature))
        {
            return Broken(chain, 0, checkpoint.Seq, checkpoint, checkpoint.KeyId == signer.KeyId
                ? $"the checkpoint at record {checkpoint.Seq} has an invalid signature: it was forged or altered"
                : $"the checkpoint at record {checkpoint.Seq} was signed with key {checkpoint.KeyId}, not with this "
                    + $"server's key {signer.KeyId}; verify with the key the chain was written with");
        }

        var previous = AuditHashing.Genesis;
        long count = 0;
        byte[]? hashAtCheckpoint = null;
        while (true)
        {
            var page = await store.ReadChainAsync(chain, count, PageSize, cancellationToken);
            foreach (var row in page)
            {
                var expected = count + 1;
                if (row.Seq != expected)
                {
                    return Broken(chain, count, expected, checkpoint,
                        $"record {expected} is missing: the chain continues at record {row.Seq}, "
                            + "so records were deleted");
                }

                if (!row.PreviousHash.AsSpan().SequenceEqual(previous))
                {
                    return Broken(chain, count, row.Seq, checkpoint,
                        $"record {row.Seq} does not link to record {row.Seq - 1}: "
                            + "a record was inserted, replaced or moved");
                }

                if (!signer.Link(chain, row.Seq, row.Record, row.PreviousHash).AsSpan().SequenceEqual(row.Hash))
                {
                    return Broken(chain, count, row.Seq, checkpoint,
                        $"record {row.Seq} does not match its hash: its fields were edited");
                }

                if (checkpoint?.Seq == row.Seq)
                {
                    hashAtCheckpoint = row.Hash;
                }

                previous = row.Hash;
                count = row.Seq;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        if (checkpoint is not null && count < checkpoint.Seq)
        {
            return Broken(chain, count, count + 1, checkpoint,
                $"the chain ends at record {count}, but a checkpoint signed at {checkpoint.SignedAt:u} covers record "
                + $"{checkpoint.Seq}: records were cut off the end");
        }

        if (checkpoint is not null && !hashAtCheckpoint.AsSpan().SequenceEqual(checkpoint.Hash))
        {
            return Broken(chain, count, checkpoint.Seq, checkpoint,
                $"record {checkpoint.Seq} differs from the one the checkpoint signed: the chain was rewritten");
        }

        return new AuditVerification(chain, true, count, null, null, checkpoint?.Seq, checkpoint?.SignedAt);
    }

    private static AuditVerification Broken(string chain, long intactUpTo, long brokenAt, AuditCheckpoint? checkpoint,
        string problem) => new(chain, false, intactUpTo, brokenAt, problem, checkpoint?.Seq, checkpoint?.SignedAt);
}
