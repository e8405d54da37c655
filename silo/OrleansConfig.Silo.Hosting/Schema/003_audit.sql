-- Audit records: append-only, one hash chain per namespace and one ('*') for keys, grants and
-- namespaces. Each row's hash covers its fields and the previous row's hash, so an edited,
-- deleted, inserted or reordered row breaks the chain; signed checkpoints of the chain head
-- reveal a cut-off tail. A trigger rejects UPDATE and DELETE, so only someone who disables it
-- (a table owner acting outside the product) can change a row, and verification finds that.

CREATE TABLE IF NOT EXISTS orleansconfig_audit
(
    position        bigint GENERATED ALWAYS AS IDENTITY,
    service_id      varchar(150) COLLATE "C" NOT NULL,
    chain           varchar(63) COLLATE "C" NOT NULL,
    seq             bigint NOT NULL,
    record_id       varchar(300) COLLATE "C" NOT NULL,
    time            timestamptz NOT NULL,
    actor           text NOT NULL,
    credential      text,
    action          varchar(64) COLLATE "C" NOT NULL,
    namespace       varchar(63) COLLATE "C",
    environment     varchar(63) COLLATE "C",
    kind            varchar(32) COLLATE "C",
    resource        varchar(300) COLLATE "C",
    version_before  integer,
    version_after   integer,
    summary         text,
    request_id      varchar(128),
    client_address  varchar(64),
    revision        bigint,
    prev_hash       bytea NOT NULL,
    hash            bytea NOT NULL,
    PRIMARY KEY (service_id, chain, seq),
    UNIQUE (service_id, record_id)
);

-- Queries filter by time range and optionally by namespace, environment, actor, resource or
-- action, newest first, and page by position.
CREATE INDEX IF NOT EXISTS orleansconfig_audit_position ON orleansconfig_audit (service_id, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_time ON orleansconfig_audit (service_id, time, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_scope
    ON orleansconfig_audit (service_id, namespace, environment, time, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_actor ON orleansconfig_audit (service_id, actor, time, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_credential
    ON orleansconfig_audit (service_id, credential, time, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_resource
    ON orleansconfig_audit (service_id, resource, time, position);
CREATE INDEX IF NOT EXISTS orleansconfig_audit_action ON orleansconfig_audit (service_id, action, time, position);

CREATE TABLE IF NOT EXISTS orleansconfig_audit_checkpoints
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    chain           varchar(63) COLLATE "C" NOT NULL,
    seq             bigint NOT NULL,
    hash            bytea NOT NULL,
    signed_at       timestamptz NOT NULL,
    key_id          varchar(64) NOT NULL,
    signature       bytea NOT NULL,
    PRIMARY KEY (service_id, chain, seq)
);

CREATE OR REPLACE FUNCTION orleansconfig_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % is not allowed on %', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS orleansconfig_audit_append_only ON orleansconfig_audit;
CREATE TRIGGER orleansconfig_audit_append_only BEFORE UPDATE OR DELETE ON orleansconfig_audit
    FOR EACH ROW EXECUTE FUNCTION orleansconfig_audit_append_only();

DROP TRIGGER IF EXISTS orleansconfig_audit_checkpoints_append_only ON orleansconfig_audit_checkpoints;
CREATE TRIGGER orleansconfig_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON orleansconfig_audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION orleansconfig_audit_append_only();

-- How far each environment's changes are audited; the difference to the head is the backlog.
ALTER TABLE orleansconfig_change_heads ADD COLUMN IF NOT EXISTS audited bigint NOT NULL DEFAULT 0;
