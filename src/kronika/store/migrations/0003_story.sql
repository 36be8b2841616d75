-- The corpus timeline (kronika.timeline.corpus): entries merged across documents, the evidence
-- behind each entry, the conflicts between entries, and the actors they name.
-- `story_units` keeps each document's merge units with their block keys, so that adding a
-- document recomputes only the blocks it touches. Queries filter `story_entry_actors`, which
-- repeats each entry's type, status and dates beside 64-bit integer keys (the first 60 bits of
-- the sha256 of the entry id and of the actor key): DuckDB scans and joins integers far faster
-- than text, and its ART indexes are not used for such scans, so there are none beyond the keys.

CREATE TABLE story_units (
    unit_id TEXT NOT NULL,          -- content-derived: sha256 of its events' ids
    doc_id  TEXT NOT NULL,
    block   TEXT NOT NULL           -- "<actor>|<actor>@YYYY-MM" (see corpus.block_keys)
);

CREATE TABLE story_entries (
    id          TEXT PRIMARY KEY,   -- content-derived: sha256 of its evidence's event ids
    key         BIGINT NOT NULL,    -- the first 60 bits of sha256(id), for fast joins
    type        TEXT,
    status      TEXT,
    earliest    DATE,
    latest      DATE,
    hedged      BOOLEAN,
    confidence  DOUBLE,
    n_sources   INTEGER,            -- independent sources
    n_events    INTEGER,
    summary     TEXT,
    json        TEXT NOT NULL       -- StoryEntry.to_dict()
);

CREATE TABLE story_evidence (
    entry_id    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    source      TEXT,               -- the document after following duplicate_of
    language    TEXT,
    published   DATE,
    speaker     TEXT,
    basis       TEXT,
    gave_date   BOOLEAN             -- this event's evidence gave the entry its date
);

CREATE TABLE story_entry_actors (
    entry_id    TEXT NOT NULL,
    actor       TEXT NOT NULL,      -- actor id, else its lower-cased canonical name
    side        TEXT NOT NULL,      -- source or target
    entry_key   BIGINT NOT NULL,    -- story_entries.key
    actor_key   BIGINT NOT NULL,    -- story_actors.key
    type        TEXT,               -- the entry's, repeated so that filters need no join
    status      TEXT,
    earliest    DATE,
    latest      DATE
);

CREATE TABLE story_actors (
    actor       TEXT PRIMARY KEY,
    key         BIGINT NOT NULL,    -- the first 60 bits of sha256(actor)
    name        TEXT,
    country     TEXT,
    kind        TEXT,
    hay         TEXT                -- lower-cased name, words used, roles, country, id: for --actor
);

CREATE TABLE story_conflicts (
    id          TEXT PRIMARY KEY,
    kind        TEXT,
    rule        TEXT,
    entry_a     TEXT NOT NULL,
    entry_b     TEXT NOT NULL,
    note        TEXT,
    json        TEXT NOT NULL
);

CREATE TABLE story_duplicates (
    doc_id       TEXT PRIMARY KEY,  -- a near-duplicate (syndicated copy) ...
    duplicate_of TEXT NOT NULL      -- ... of this document: the two count as one source
);
