-- The actor filter of audit queries matches the actor or the credential (actor = $1 OR credential = $1
-- OR credential = 'key ' || $1), which no single index returns in time order. PostgreSQL then
-- chooses between walking the time index backwards until a page is full and reading every record of
-- the actor through the actor and credential indexes, then sorting them. The first is fast for a busy
-- actor whose records reach the newest end of the table, the second for a rare one, and the choice
-- rests on the estimated number of records per actor. The default statistics target (100 values) keeps an estimate for the 100 busiest actors
-- only. Among 200 actors and 1 million records, an actor with 0.1 % of them was then read by walking
-- some 90,000 rows, which took 24 to 44 ms in the database alone (see docs/benchmarks.md). A target
-- of 1000 keeps an estimate for up to 1,000 actors and credentials. Rarer ones beyond those are
-- estimated as rare, and reading them through the indexes is the right plan for them too.
ALTER TABLE orleansconfig_audit
    ALTER COLUMN actor SET STATISTICS 1000,
    ALTER COLUMN credential SET STATISTICS 1000;

-- Samples at most 300,000 rows, which takes seconds on a large table. Without it, autovacuum applies
-- the new target only at its next analysis of the table.
ANALYZE orleansconfig_audit (actor, credential);
