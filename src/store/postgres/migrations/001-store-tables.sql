-- The aggregation store's tables. Runs with search_path set to the configured schema (store.postgres.schema).
-- Counters: one row per (scope, field) of src/pipeline/batch-deltas.ts. "C" collation: byte order, so scope
-- prefixes (w:, d:, s:, k␟, q␟) use the primary key index and every replica sorts alike.
CREATE TABLE counters (
  scope text COLLATE "C" NOT NULL,
  field text COLLATE "C" NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (scope, field)
);

-- Exactly-once markers. A marker past expires_at counts as absent (store.dedupTtlDays), like a Redis TTL.
CREATE TABLE applied_batches (
  id text COLLATE "C" PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX applied_batches_expires_at ON applied_batches (expires_at);

CREATE TABLE applied_samples (
  id text COLLATE "C" PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX applied_samples_expires_at ON applied_samples (expires_at);

-- Raw classifier labels of classified samples, kept store.labelRetentionDays for `rebucket`.
-- record is a RawLabelRecord (src/store/raw-label-record.ts): no request id, no user, no text.
CREATE TABLE raw_labels (
  id bigserial PRIMARY KEY,
  week text COLLATE "C" NOT NULL,
  record json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX raw_labels_week_id ON raw_labels (week, id);
CREATE INDEX raw_labels_expires_at ON raw_labels (expires_at);

-- Distinct-count sets (HyperLogLog, precision 14): one row per set name, and one row per non-zero register.
-- Only (register index, rank) pairs derived from a hash of the keyed user hash are stored, never the hash.
CREATE TABLE distinct_sets (
  id serial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE distinct_registers (
  set_id integer NOT NULL REFERENCES distinct_sets (id) ON DELETE CASCADE,
  idx smallint NOT NULL CHECK (idx >= 0 AND idx < 16384),
  rho smallint NOT NULL CHECK (rho >= 1 AND rho <= 51),
  PRIMARY KEY (set_id, idx)
);

-- Store metadata (active category view, last rebucket, ...).
CREATE TABLE meta (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);
