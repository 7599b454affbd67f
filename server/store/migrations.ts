import { COUNTED, CREATE_FACT_MONTHS, summary } from './fact-months.ts';

/**
 * The DuckDB schema, as numbered migrations applied in order on start. Add a new entry to
 * change the schema; never edit one that has shipped.
 */
export const migrations: string[] = [
  `
  CREATE TYPE grain AS ENUM ('day', 'week', 'month', 'quarter', 'half', 'year');
  CREATE SEQUENCE unit_id_seq START 1;
  CREATE SEQUENCE facility_id_seq START 1;
  CREATE SEQUENCE indicator_id_seq START 1;
  CREATE SEQUENCE batch_id_seq START 1;

  -- era: 'current' for today's units; the year of an earlier code list for units that a
  -- reorganisation replaced (their facts reach today's map through successor_id).
  CREATE TABLE units (
    id INTEGER PRIMARY KEY DEFAULT nextval('unit_id_seq'),
    code VARCHAR NOT NULL,
    era VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    full_name VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    depth TINYINT NOT NULL,
    parent_id INTEGER,
    successor_id INTEGER,
    area_km2 DOUBLE,
    UNIQUE (code, era)
  );
  -- Every unit with the unit it rolls up to at each depth (itself at its own depth). A former
  -- commune rolls up to its successor at commune depth and to its former district's area above.
  CREATE TABLE unit_ancestors (
    unit_id INTEGER NOT NULL,
    depth TINYINT NOT NULL,
    ancestor_id INTEGER NOT NULL,
    PRIMARY KEY (unit_id, depth)
  );
  -- Units whose figures would meet in some rollup: a unit, its ancestors and its descendants.
  CREATE VIEW unit_relations AS
    SELECT unit_id AS unit_id, ancestor_id AS related_id FROM unit_ancestors
    UNION SELECT ancestor_id, unit_id FROM unit_ancestors
    UNION SELECT id, id FROM units;
  -- How a code in a file is read: codes of periods before the reorganisation in its era's list.
  CREATE TABLE unit_codes (code VARCHAR NOT NULL, era VARCHAR NOT NULL, unit_id INTEGER NOT NULL, PRIMARY KEY (code, era));
  CREATE TABLE unit_population (
    unit_id INTEGER NOT NULL,
    year SMALLINT NOT NULL,
    population BIGINT NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (unit_id, year)
  );
  CREATE TABLE facilities (
    id INTEGER PRIMARY KEY DEFAULT nextval('facility_id_seq'),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    tier VARCHAR NOT NULL,
    unit_id INTEGER NOT NULL
  );
  CREATE TABLE indicators (
    id SMALLINT PRIMARY KEY DEFAULT nextval('indicator_id_seq'),
    code VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,
    over_time VARCHAR,
    factor DOUBLE NOT NULL,
    part_of_whole BOOLEAN NOT NULL,
    level_min INTEGER,
    level_max INTEGER,
    component VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    frequency grain NOT NULL,
    spec JSON NOT NULL
  );
  -- Who may report an indicator ('unit' or a facility kind), and its allowed subgroups ('sex:female').
  CREATE TABLE indicator_reporters (indicator_id SMALLINT NOT NULL, reporter VARCHAR NOT NULL, PRIMARY KEY (indicator_id, reporter));
  CREATE TABLE indicator_subgroups (indicator_id SMALLINT NOT NULL, subgroup VARCHAR NOT NULL, PRIMARY KEY (indicator_id, subgroup));
  CREATE TABLE targets (
    indicator_id SMALLINT NOT NULL,
    scope_kind VARCHAR NOT NULL,
    scope_value VARCHAR,
    from_year SMALLINT NOT NULL,
    to_year SMALLINT NOT NULL,
    value DOUBLE NOT NULL,
    source VARCHAR NOT NULL
  );

  CREATE TABLE batches (
    id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    channel VARCHAR NOT NULL,
    submitted_by VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source VARCHAR,
    is_demo BOOLEAN NOT NULL,
    accept_partial BOOLEAN NOT NULL,
    status VARCHAR NOT NULL,
    rows_total INTEGER NOT NULL,
    rows_accepted INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_replaced INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL
  );
  -- row_number NULL: a fault of the whole file. code and params render through data/schema/rejection.ts.
  CREATE TABLE rejected_rows (
    batch_id INTEGER NOT NULL,
    row_number INTEGER,
    column_name VARCHAR,
    value VARCHAR,
    code VARCHAR NOT NULL,
    params JSON NOT NULL
  );

  -- One reported figure. No key constraint: ingest keeps the natural key
  -- (indicator, unit, facility, subgroup, grain, period_start) unique, which costs far less
  -- than an index over millions of rows.
  CREATE TABLE facts (
    indicator_id SMALLINT NOT NULL,
    unit_id INTEGER NOT NULL,
    facility_id INTEGER,
    subgroup VARCHAR NOT NULL,
    grain grain NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    numerator DOUBLE,
    denominator DOUBLE,
    value DOUBLE,
    is_demo BOOLEAN NOT NULL,
    batch_id INTEGER NOT NULL,
    source VARCHAR
  );
  -- What each batch replaced or superseded, so the batch log can show it.
  CREATE TABLE replaced_facts (
    batch_id INTEGER NOT NULL,
    replaced_batch_id INTEGER NOT NULL,
    indicator_id SMALLINT NOT NULL,
    unit_id INTEGER NOT NULL,
    facility_id INTEGER,
    subgroup VARCHAR NOT NULL,
    grain grain NOT NULL,
    period_start DATE NOT NULL,
    numerator DOUBLE,
    denominator DOUBLE,
    value DOUBLE,
    was_demo BOOLEAN NOT NULL
  );
  `,
  // The monthly summary of fine-grained flows (fact-months.ts), filled from the facts already stored.
  `${CREATE_FACT_MONTHS}
  INSERT INTO fact_months ${summary('true')};`,
  // The day each figure was reported (timeliness), and the words of each rejected row (data quality).
  `ALTER TABLE facts ADD COLUMN reported_on DATE;
  UPDATE facts SET reported_on = (SELECT b.created_at::DATE FROM batches b WHERE b.id = facts.batch_id);
  ALTER TABLE rejected_rows ADD COLUMN indicator VARCHAR;
  ALTER TABLE rejected_rows ADD COLUMN unit VARCHAR;
  ALTER TABLE rejected_rows ADD COLUMN facility VARCHAR;
  ALTER TABLE rejected_rows ADD COLUMN period VARCHAR;`,
  // Who may read and write (tokens kept only as their SHA-256), and what every write did.
  `CREATE SEQUENCE credential_id_seq START 1;
  CREATE TABLE credentials (
    id INTEGER PRIMARY KEY DEFAULT nextval('credential_id_seq'),
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    token_sha256 VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    created_by VARCHAR NOT NULL,
    revoked_at TIMESTAMPTZ
  );
  CREATE SEQUENCE audit_id_seq START 1;
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    target VARCHAR,
    detail JSON NOT NULL
  );`,
  // Targets an administrator sets over the API, on top of those of the catalogue file.
  `CREATE SEQUENCE target_set_id_seq START 1;
  CREATE TABLE targets_set (
    id INTEGER PRIMARY KEY DEFAULT nextval('target_set_id_seq'),
    indicator VARCHAR NOT NULL,
    target JSON NOT NULL,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    withdrawn_at TIMESTAMPTZ
  );`,
  // Failed and refused access (bad tokens, wrong roles, limits, foreign origins): who, what, from where; never a token.
  `CREATE SEQUENCE security_event_id_seq START 1;
  CREATE TABLE security_events (
    id INTEGER PRIMARY KEY DEFAULT nextval('security_event_id_seq'),
    recorded_at TIMESTAMPTZ NOT NULL,
    kind VARCHAR NOT NULL,
    actor VARCHAR,
    action VARCHAR NOT NULL,
    client VARCHAR NOT NULL,
    detail VARCHAR
  );`,
  // Push to the provincial IOC (server/push/): receivers an admin registers, the outbox of what
  // each must get (kept here so nothing is lost across a restart), and every delivery attempt.
  // The idempotency key is UNIQUE so that enqueuing the same batch twice is a no-op.
  `CREATE SEQUENCE receiver_id_seq START 1;
  CREATE TABLE receivers (
    id INTEGER PRIMARY KEY DEFAULT nextval('receiver_id_seq'),
    name VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    views JSON NOT NULL,
    secret VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    -- The last batch whose entries for this receiver are in the outbox: a start picks up after it.
    enqueued_through INTEGER NOT NULL,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE SEQUENCE outbox_id_seq START 1;
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY DEFAULT nextval('outbox_id_seq'),
    receiver_id INTEGER NOT NULL,
    idempotency_key VARCHAR NOT NULL UNIQUE,
    batch_id INTEGER NOT NULL,
    body VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    last_error VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    delivered_at TIMESTAMPTZ
  );
  CREATE TABLE delivery_attempts (
    outbox_id INTEGER NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    http_status INTEGER,
    error VARCHAR,
    duration_ms INTEGER NOT NULL
  );`,
  // Counted once (counted-once.ts): a total kept as a check, never added to the figures under it;
  // and who reports totals of each indicator (the catalogue's totals, rebuilt on every start).
  // The checks among facts already stored are marked on the start that fills indicator_totals.
  `ALTER TABLE facts ADD COLUMN is_check BOOLEAN DEFAULT false;
  CREATE TABLE indicator_totals (indicator_id SMALLINT NOT NULL, reporter VARCHAR NOT NULL, PRIMARY KEY (indicator_id, reporter));`,
  // Who reported each month's flows (a figure's coverage, compile-coverage.ts): reading it from the
  // facts took 3.5–6.5 s a view at 11M facts. A fresh database has the column from CREATE_FACT_MONTHS.
  `ALTER TABLE fact_months ADD COLUMN IF NOT EXISTS reporters INTEGER DEFAULT 0;
  DELETE FROM fact_months;
  INSERT INTO fact_months ${summary(COUNTED)};`,
];
