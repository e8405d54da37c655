-- Grain state of the ADO.NET storage provider, and the queries the provider reads at start.
--
-- The provider's contract: it loads the query texts below from OrleansQuery by key and runs them
-- with named parameters (@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
-- @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary; the hash parameters are not used
-- here). @GrainTypeString is the state name, so a row is identified by service, state name and
-- grain id. A write checks the version itself and returns the new one; returning no row makes the
-- provider raise InconsistentStateException.

CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    state_name      varchar(150) COLLATE "C" NOT NULL,
    grain_key       varchar(512) COLLATE "C" NOT NULL,  -- the string key, or '' for numeric keys
    grain_id_n0     bigint NOT NULL,
    grain_id_n1     bigint NOT NULL,
    payload         bytea,
    version         integer NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key, grain_id_n0, grain_id_n1)
);

-- Environment reconciliation reads the rows of one state name changed since a point in time.
CREATE INDEX IF NOT EXISTS orleans_storage_modified
    ON orleans_storage (service_id, state_name, modified_at);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = coalesce(@GrainIdExtensionString, '''')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1;
'),
('WriteToStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '''')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, state_name, grain_key, grain_id_n0, grain_id_n1, payload, version)
    SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1,
           @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
'),
('ClearStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_key = coalesce(@GrainIdExtensionString, '''')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, state_name, grain_key, grain_id_n0, grain_id_n1, payload, version)
    SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1,
           NULL, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
'),
('DeleteStorageKey', '
DELETE FROM orleans_storage
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = coalesce(@GrainIdExtensionString, '''')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND version = @GrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
