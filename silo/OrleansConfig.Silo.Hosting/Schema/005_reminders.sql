-- Reminders of the ADO.NET reminder provider: scheduled flag changes and other timed work that must
-- survive silo restarts. The provider loads the query texts below from OrleansQuery by key and runs
-- them with named parameters (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash,
-- @BeginHash, @EndHash, @Version). A silo reads the reminders of its share of the grain hash ring:
-- one range (@BeginHash, @EndHash], or, when the range wraps around, everything above @BeginHash and
-- everything up to @EndHash. Upsert returns the row's new version; delete returns how many rows it
-- removed, which is 0 when the version no longer matches.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    grain_id        varchar(512) COLLATE "C" NOT NULL,
    reminder_name   varchar(150) COLLATE "C" NOT NULL,
    start_time      timestamptz NOT NULL,
    period_ms       bigint NOT NULL,
    grain_hash      integer NOT NULL,
    version         integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS "Version";
'),
('ReadReminderRowsKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
'),
('ReadReminderRowKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
'),
('ReadRangeRows1Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
'),
('ReadRangeRows2Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
'),
('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted;
'),
('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
