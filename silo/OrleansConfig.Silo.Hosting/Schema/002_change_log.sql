-- The change log of every environment. The environment grain is the only writer of an
-- environment's rows: it appends events with consecutive revisions, moves the head with an
-- optimistic check, and records per item the latest version it sequenced, so that a new
-- activation can find versions a key grain made durable but nobody sequenced.

CREATE TABLE IF NOT EXISTS orleansconfig_change_heads
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    namespace       varchar(63) COLLATE "C" NOT NULL,
    environment     varchar(63) COLLATE "C" NOT NULL,
    head            bigint NOT NULL,
    first_retained  bigint NOT NULL,  -- the oldest revision still in orleansconfig_change_log
    PRIMARY KEY (service_id, namespace, environment)
);

CREATE TABLE IF NOT EXISTS orleansconfig_change_versions
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    namespace       varchar(63) COLLATE "C" NOT NULL,
    environment     varchar(63) COLLATE "C" NOT NULL,
    kind            smallint NOT NULL,
    item_key        varchar(256) COLLATE "C" NOT NULL,  -- normalized (lowercase) key
    version         integer NOT NULL,
    PRIMARY KEY (service_id, namespace, environment, kind, item_key)
);

CREATE TABLE IF NOT EXISTS orleansconfig_change_log
(
    service_id      varchar(150) COLLATE "C" NOT NULL,
    namespace       varchar(63) COLLATE "C" NOT NULL,
    environment     varchar(63) COLLATE "C" NOT NULL,
    revision        bigint NOT NULL,
    kind            smallint NOT NULL,
    item_key        varchar(256) COLLATE "C" NOT NULL,  -- the key as written
    version         integer NOT NULL,
    event           text NOT NULL,                      -- the event as JSON
    logged_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, namespace, environment, revision)
);
